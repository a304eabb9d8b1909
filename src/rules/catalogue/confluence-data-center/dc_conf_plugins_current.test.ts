import { appsCurrentCases } from '../data-center/plugins-rules.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_plugins_current.rule.ts';

appsCurrentCases(rule, CONFLUENCE_DC);

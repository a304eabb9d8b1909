import { CONFLUENCE_DC } from '../data-center/product.ts';
import { websudoCases } from '../data-center/websudo-rule.cases.ts';
import { rule } from './dc_conf_websudo_enabled.rule.ts';

websudoCases(rule, CONFLUENCE_DC);

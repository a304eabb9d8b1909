import { appsLicensedCases } from '../data-center/plugins-rules.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_apps_licensed.rule.ts';

appsLicensedCases(rule, CONFLUENCE_DC);

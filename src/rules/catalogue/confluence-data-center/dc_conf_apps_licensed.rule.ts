import { appsLicensedRule } from '../data-center/plugins-rules.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = appsLicensedRule(CONFLUENCE_DC, 'dc_conf_apps_licensed');

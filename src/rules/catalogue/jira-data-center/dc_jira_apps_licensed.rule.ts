import { appsLicensedRule } from '../data-center/plugins-rules.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = appsLicensedRule(JIRA_DC, 'dc_jira_apps_licensed');

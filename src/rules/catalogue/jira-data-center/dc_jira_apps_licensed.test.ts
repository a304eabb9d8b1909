import { appsLicensedCases } from '../data-center/plugins-rules.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_apps_licensed.rule.ts';

appsLicensedCases(rule, JIRA_DC);

import { broadGlobalPermissionsCases } from '../data-center/broad-global-permissions-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_global_permissions_not_broad.rule.ts';

broadGlobalPermissionsCases(rule, JIRA_DC, 'user');

import { broadGlobalPermissionsRule } from '../data-center/broad-global-permissions-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = broadGlobalPermissionsRule(JIRA_DC, 'dc_jira_admin_permissions_not_broad', 'admin');

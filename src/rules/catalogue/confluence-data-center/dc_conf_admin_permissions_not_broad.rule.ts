import { broadGlobalPermissionsRule } from '../data-center/broad-global-permissions-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = broadGlobalPermissionsRule(CONFLUENCE_DC, 'dc_conf_admin_permissions_not_broad', 'admin');

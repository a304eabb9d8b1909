import { broadGlobalPermissionsCases } from '../data-center/broad-global-permissions-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_global_permissions_not_broad.rule.ts';

broadGlobalPermissionsCases(rule, CONFLUENCE_DC, 'user');

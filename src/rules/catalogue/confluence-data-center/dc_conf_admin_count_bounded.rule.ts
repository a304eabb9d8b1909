import { adminCountRule } from '../data-center/admin-count-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = adminCountRule(CONFLUENCE_DC, 'dc_conf_admin_count_bounded');

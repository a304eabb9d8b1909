import { adminCountRule } from '../data-center/admin-count-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = adminCountRule(JIRA_DC, 'dc_jira_admin_count_bounded');

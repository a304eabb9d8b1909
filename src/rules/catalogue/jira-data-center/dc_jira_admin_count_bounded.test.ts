import { adminCountCases } from '../data-center/admin-count-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_admin_count_bounded.rule.ts';

adminCountCases(rule, JIRA_DC);

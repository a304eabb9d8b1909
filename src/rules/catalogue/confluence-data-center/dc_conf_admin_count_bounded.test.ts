import { adminCountCases } from '../data-center/admin-count-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_admin_count_bounded.rule.ts';

adminCountCases(rule, CONFLUENCE_DC);

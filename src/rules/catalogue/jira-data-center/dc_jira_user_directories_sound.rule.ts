import { JIRA_DC } from '../data-center/product.ts';
import { userDirectoriesRule } from '../data-center/user-directories-rule.ts';

export const rule = userDirectoriesRule(JIRA_DC, 'dc_jira_user_directories_sound');

import { JIRA_DC } from '../data-center/product.ts';
import { userDirectoriesCases } from '../data-center/user-directories-rule.cases.ts';
import { rule } from './dc_jira_user_directories_sound.rule.ts';

userDirectoriesCases(rule, JIRA_DC);

import { CONFLUENCE_DC } from '../data-center/product.ts';
import { userDirectoriesCases } from '../data-center/user-directories-rule.cases.ts';
import { rule } from './dc_conf_user_directories_sound.rule.ts';

userDirectoriesCases(rule, CONFLUENCE_DC);

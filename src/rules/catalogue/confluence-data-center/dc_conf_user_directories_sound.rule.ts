import { CONFLUENCE_DC } from '../data-center/product.ts';
import { userDirectoriesRule } from '../data-center/user-directories-rule.ts';

export const rule = userDirectoriesRule(CONFLUENCE_DC, 'dc_conf_user_directories_sound');

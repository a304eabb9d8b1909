import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rememberMeRule } from '../data-center/remember-me-rule.ts';

export const rule = rememberMeRule(CONFLUENCE_DC, 'dc_conf_remember_me_bounded');

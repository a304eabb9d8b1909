import { JIRA_DC } from '../data-center/product.ts';
import { rememberMeRule } from '../data-center/remember-me-rule.ts';

export const rule = rememberMeRule(JIRA_DC, 'dc_jira_remember_me_bounded');

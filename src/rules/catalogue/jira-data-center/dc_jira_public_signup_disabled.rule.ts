import { JIRA_DC } from '../data-center/product.ts';
import { publicSignupRule } from '../data-center/public-signup-rule.ts';

export const rule = publicSignupRule(JIRA_DC, 'dc_jira_public_signup_disabled');

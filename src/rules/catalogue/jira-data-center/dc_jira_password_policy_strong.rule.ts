import { passwordPolicyRule } from '../data-center/password-policy-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = passwordPolicyRule(JIRA_DC, 'dc_jira_password_policy_strong');

import { passwordPolicyRule } from '../data-center/password-policy-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = passwordPolicyRule(CONFLUENCE_DC, 'dc_conf_password_policy_strong');

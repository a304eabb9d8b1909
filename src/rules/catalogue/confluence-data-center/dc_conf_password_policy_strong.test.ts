import { passwordPolicyCases } from '../data-center/password-policy-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_password_policy_strong.rule.ts';

passwordPolicyCases(rule, CONFLUENCE_DC);

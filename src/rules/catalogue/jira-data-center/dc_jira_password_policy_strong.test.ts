import { passwordPolicyCases } from '../data-center/password-policy-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_password_policy_strong.rule.ts';

passwordPolicyCases(rule, JIRA_DC);

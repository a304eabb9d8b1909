import { JIRA_DC } from '../data-center/product.ts';
import { publicSignupCases } from '../data-center/public-signup-rule.cases.ts';
import { rule } from './dc_jira_public_signup_disabled.rule.ts';

publicSignupCases(rule, JIRA_DC);

import { CONFLUENCE_DC } from '../data-center/product.ts';
import { publicSignupCases } from '../data-center/public-signup-rule.cases.ts';
import { rule } from './dc_conf_public_signup_disabled.rule.ts';

publicSignupCases(rule, CONFLUENCE_DC);

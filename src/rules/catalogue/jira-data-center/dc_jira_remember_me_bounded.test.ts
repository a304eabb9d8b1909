import { JIRA_DC } from '../data-center/product.ts';
import { rememberMeCases } from '../data-center/remember-me-rule.cases.ts';
import { rule } from './dc_jira_remember_me_bounded.rule.ts';

rememberMeCases(rule, JIRA_DC);

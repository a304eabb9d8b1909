import { JIRA_DC } from '../data-center/product.ts';
import { sessionTimeoutCases } from '../data-center/session-timeout-rule.cases.ts';
import { rule } from './dc_jira_session_timeout_bounded.rule.ts';

sessionTimeoutCases(rule, JIRA_DC);

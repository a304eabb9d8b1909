import { JIRA_DC } from '../data-center/product.ts';
import { sessionTimeoutRule } from '../data-center/session-timeout-rule.ts';

export const rule = sessionTimeoutRule(JIRA_DC, 'dc_jira_session_timeout_bounded');

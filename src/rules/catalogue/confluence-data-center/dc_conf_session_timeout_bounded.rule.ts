import { CONFLUENCE_DC } from '../data-center/product.ts';
import { sessionTimeoutRule } from '../data-center/session-timeout-rule.ts';

export const rule = sessionTimeoutRule(CONFLUENCE_DC, 'dc_conf_session_timeout_bounded');

import { CONFLUENCE_DC } from '../data-center/product.ts';
import { sessionTimeoutCases } from '../data-center/session-timeout-rule.cases.ts';
import { rule } from './dc_conf_session_timeout_bounded.rule.ts';

sessionTimeoutCases(rule, CONFLUENCE_DC);

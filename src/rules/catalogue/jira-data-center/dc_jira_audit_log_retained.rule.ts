import { auditRetentionRule } from '../data-center/audit-rules.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = auditRetentionRule(JIRA_DC, 'dc_jira_audit_log_retained');

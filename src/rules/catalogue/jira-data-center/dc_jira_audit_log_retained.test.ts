import { auditRetentionCases } from '../data-center/audit-rules.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_audit_log_retained.rule.ts';

auditRetentionCases(rule, JIRA_DC);

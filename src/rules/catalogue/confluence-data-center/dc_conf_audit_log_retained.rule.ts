import { auditRetentionRule } from '../data-center/audit-rules.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = auditRetentionRule(CONFLUENCE_DC, 'dc_conf_audit_log_retained');

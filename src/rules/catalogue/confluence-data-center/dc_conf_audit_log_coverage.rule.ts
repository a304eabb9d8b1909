import { auditCoverageRule } from '../data-center/audit-rules.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = auditCoverageRule(CONFLUENCE_DC, 'dc_conf_audit_log_coverage');

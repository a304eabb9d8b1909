import { auditCoverageCases } from '../data-center/audit-rules.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_audit_log_coverage.rule.ts';

auditCoverageCases(rule, CONFLUENCE_DC);

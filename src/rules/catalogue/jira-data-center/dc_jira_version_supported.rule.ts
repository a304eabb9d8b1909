import { JIRA_DC } from '../data-center/product.ts';
import { versionSupportedRule } from '../data-center/version-supported-rule.ts';

export const rule = versionSupportedRule(JIRA_DC, 'dc_jira_version_supported');

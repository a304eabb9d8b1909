import { JIRA_DC } from '../data-center/product.ts';
import { versionSupportedCases } from '../data-center/version-supported-rule.cases.ts';
import { rule } from './dc_jira_version_supported.rule.ts';

versionSupportedCases(rule, JIRA_DC);

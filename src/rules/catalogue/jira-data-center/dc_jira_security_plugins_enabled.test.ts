import { securityPluginsCases } from '../data-center/plugins-rules.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_security_plugins_enabled.rule.ts';

securityPluginsCases(rule, JIRA_DC);

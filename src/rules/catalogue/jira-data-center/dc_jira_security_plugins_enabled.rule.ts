import { securityPluginsRule } from '../data-center/plugins-rules.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = securityPluginsRule(JIRA_DC, 'dc_jira_security_plugins_enabled');

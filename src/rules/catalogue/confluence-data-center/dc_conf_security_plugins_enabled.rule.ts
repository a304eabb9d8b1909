import { securityPluginsRule } from '../data-center/plugins-rules.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = securityPluginsRule(CONFLUENCE_DC, 'dc_conf_security_plugins_enabled');

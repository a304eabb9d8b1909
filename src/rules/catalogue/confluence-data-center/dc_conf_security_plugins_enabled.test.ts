import { securityPluginsCases } from '../data-center/plugins-rules.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_security_plugins_enabled.rule.ts';

securityPluginsCases(rule, CONFLUENCE_DC);

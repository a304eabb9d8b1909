import { CONFLUENCE_DC } from '../data-center/product.ts';
import { websudoRule } from '../data-center/websudo-rule.ts';

export const rule = websudoRule(CONFLUENCE_DC, 'dc_conf_websudo_enabled');

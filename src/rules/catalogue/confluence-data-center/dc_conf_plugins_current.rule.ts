import { appsCurrentRule } from '../data-center/plugins-rules.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = appsCurrentRule(CONFLUENCE_DC, 'dc_conf_plugins_current');

import { patExpiryRule } from '../data-center/pat-expiry-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = patExpiryRule(CONFLUENCE_DC, 'dc_conf_pat_expiry');

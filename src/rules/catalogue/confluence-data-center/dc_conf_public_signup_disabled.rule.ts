import { CONFLUENCE_DC } from '../data-center/product.ts';
import { publicSignupRule } from '../data-center/public-signup-rule.ts';

export const rule = publicSignupRule(CONFLUENCE_DC, 'dc_conf_public_signup_disabled');

import { captchaRule } from '../data-center/captcha-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = captchaRule(CONFLUENCE_DC, 'dc_conf_captcha_enabled');

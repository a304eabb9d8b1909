import { captchaRule } from '../data-center/captcha-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = captchaRule(JIRA_DC, 'dc_jira_captcha_enabled');

import { captchaCases } from '../data-center/captcha-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_captcha_enabled.rule.ts';

captchaCases(rule, CONFLUENCE_DC);

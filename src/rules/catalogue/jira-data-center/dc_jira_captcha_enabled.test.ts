import { captchaCases } from '../data-center/captcha-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_captcha_enabled.rule.ts';

captchaCases(rule, JIRA_DC);

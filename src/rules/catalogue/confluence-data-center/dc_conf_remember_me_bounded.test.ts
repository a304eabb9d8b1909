import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rememberMeCases } from '../data-center/remember-me-rule.cases.ts';
import { rule } from './dc_conf_remember_me_bounded.rule.ts';

rememberMeCases(rule, CONFLUENCE_DC);

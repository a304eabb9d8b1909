import { JIRA_DC } from '../data-center/product.ts';
import { websudoRule } from '../data-center/websudo-rule.ts';

export const rule = websudoRule(JIRA_DC, 'dc_jira_websudo_enabled');

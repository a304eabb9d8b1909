import { JIRA_DC } from '../data-center/product.ts';
import { websudoCases } from '../data-center/websudo-rule.cases.ts';
import { rule } from './dc_jira_websudo_enabled.rule.ts';

websudoCases(rule, JIRA_DC);

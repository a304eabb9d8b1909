import { appsCurrentCases } from '../data-center/plugins-rules.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_plugins_current.rule.ts';

appsCurrentCases(rule, JIRA_DC);

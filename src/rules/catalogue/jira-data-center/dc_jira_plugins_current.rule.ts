import { appsCurrentRule } from '../data-center/plugins-rules.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = appsCurrentRule(JIRA_DC, 'dc_jira_plugins_current');

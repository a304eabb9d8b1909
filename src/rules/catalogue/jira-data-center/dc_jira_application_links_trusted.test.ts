import { applicationLinksCases } from '../data-center/application-links-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_application_links_trusted.rule.ts';

applicationLinksCases(rule, JIRA_DC);

import { applicationLinksRule } from '../data-center/application-links-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = applicationLinksRule(JIRA_DC, 'dc_jira_application_links_trusted');

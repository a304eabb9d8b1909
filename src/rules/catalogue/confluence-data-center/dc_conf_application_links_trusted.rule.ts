import { applicationLinksRule } from '../data-center/application-links-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = applicationLinksRule(CONFLUENCE_DC, 'dc_conf_application_links_trusted');

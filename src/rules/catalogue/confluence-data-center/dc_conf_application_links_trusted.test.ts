import { applicationLinksCases } from '../data-center/application-links-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_application_links_trusted.rule.ts';

applicationLinksCases(rule, CONFLUENCE_DC);

import { patExpiryCases } from '../data-center/pat-expiry-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_pat_expiry.rule.ts';

patExpiryCases(rule, JIRA_DC);

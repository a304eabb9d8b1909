import { patExpiryRule } from '../data-center/pat-expiry-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = patExpiryRule(JIRA_DC, 'dc_jira_pat_expiry');

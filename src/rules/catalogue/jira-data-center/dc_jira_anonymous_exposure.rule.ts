import { anonymousExposureRule } from '../data-center/anonymous-exposure-rule.ts';
import { JIRA_DC } from '../data-center/product.ts';

export const rule = anonymousExposureRule(JIRA_DC, 'dc_jira_anonymous_exposure');

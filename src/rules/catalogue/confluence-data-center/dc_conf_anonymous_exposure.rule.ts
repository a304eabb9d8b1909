import { anonymousExposureRule } from '../data-center/anonymous-exposure-rule.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';

export const rule = anonymousExposureRule(CONFLUENCE_DC, 'dc_conf_anonymous_exposure');

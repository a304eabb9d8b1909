import { anonymousExposureCases } from '../data-center/anonymous-exposure-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_anonymous_exposure.rule.ts';

anonymousExposureCases(rule, CONFLUENCE_DC);

import { anonymousExposureCases } from '../data-center/anonymous-exposure-rule.cases.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { rule } from './dc_jira_anonymous_exposure.rule.ts';

anonymousExposureCases(rule, JIRA_DC);

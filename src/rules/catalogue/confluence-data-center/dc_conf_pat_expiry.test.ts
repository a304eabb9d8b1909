import { patExpiryCases } from '../data-center/pat-expiry-rule.cases.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { rule } from './dc_conf_pat_expiry.rule.ts';

patExpiryCases(rule, CONFLUENCE_DC);

import { CONFLUENCE_DC } from '../data-center/product.ts';
import { versionSupportedRule } from '../data-center/version-supported-rule.ts';

export const rule = versionSupportedRule(CONFLUENCE_DC, 'dc_conf_version_supported');

import { UNKNOWN_DOMAIN_STATUS } from '../inventory/datasets/index.ts';
import type { DatasetRecord } from './dataset-catalogue.ts';

/**
 * The organization's domains split by what the admin API says of their verification, names in
 * lower case: `verified`, and `unstated` — a claim status the API left out, which is neither
 * verified nor unverified (the checks that read domains answer `unknown` for it, never fail).
 */
export function domainVerification(domains: readonly DatasetRecord<'org.domains'>[]): {
  verified: Set<string>;
  unstated: Set<string>;
} {
  const names = (keep: (d: DatasetRecord<'org.domains'>) => boolean) =>
    new Set(domains.filter(keep).map((d) => d.name.toLowerCase()));
  return {
    verified: names((d) => d.verified),
    unstated: names((d) => d.status === UNKNOWN_DOMAIN_STATUS),
  };
}

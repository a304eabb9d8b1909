import { endpoint, type OrgKeyRequirement } from '../atlassian/catalogue/index.ts';
import { UNSCOPED_ORG_KEY } from '../atlassian/org-key-access.ts';
import { servedThroughGateway } from '../atlassian/urls.ts';
import type { Collector } from './collector.ts';

// Which credential reads which dataset, from the catalogue: what the README, the baseline and a
// forbidden dataset's reason say a full scan needs.
// - Org datasets and org API keys: a key without scopes reads every one; a key with scopes reads
//   those whose scope it holds, and never the ones no scope opens (the events API).
//   An org collector's first org-key endpoint is what it reads with; later ones are its fallback
//   for a key that lacks that endpoint's scope (API tokens per account), so they add no need.
// - Site datasets and API tokens: a classic token reads everything its account may; a token with
//   scopes reaches only what the gateway serves (no UPM, no GraphQL gateway).

export interface OrgDatasetNeed {
  dataset: string;
  /** What the org API key needs: `any-key`, `unscoped-key`, or the scope. */
  requirement: OrgKeyRequirement;
}

export function orgDatasetNeeds(collectors: readonly Collector[]): OrgDatasetNeed[] {
  const needs: OrgDatasetNeed[] = [];
  for (const c of collectors) {
    if (c.scope !== 'org' || c.credential !== 'org') continue;
    const first = c.endpoints.map((id) => endpoint(id).orgKey).find((r) => r !== undefined);
    if (first) needs.push({ dataset: c.dataset, requirement: first });
  }
  return needs.sort((a, b) => a.dataset.localeCompare(b.dataset));
}

/** Site datasets an API token with scopes cannot read: an endpoint they need is on the site host only. */
export function siteHostOnlyDatasets(collectors: readonly Collector[]): string[] {
  return collectors
    .filter(
      (c) =>
        c.credential === 'site' &&
        c.endpoints.some((id) => {
          const e = endpoint(id);
          return e.host === 'site' && e.auth.includes('basic') && !servedThroughGateway(e);
        }),
    )
    .map((c) => c.dataset)
    .sort();
}

/** The scopes a scoped org key needs for every dataset a scoped key can read at all. */
export function scopedKeyScopes(needs: readonly OrgDatasetNeed[]): string[] {
  const scopes = needs
    .map((n) => n.requirement)
    .filter((r): r is `${string}:admin` => r !== 'any-key' && r !== 'unscoped-key');
  return [...new Set(scopes)].sort();
}

/** How a need reads in docs and reasons. */
export function describeNeed(requirement: OrgKeyRequirement): string {
  if (requirement === 'any-key') return 'any org API key';
  if (requirement === 'unscoped-key') return `${UNSCOPED_ORG_KEY} (no scope opens it)`;
  return `\`${requirement}\` (or a key without scopes)`;
}

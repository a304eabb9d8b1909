// What the generator builds: the population counts, the sites and how tidy the tenant is. The
// size presets and scenarios both end up as a GenSpec.

import { COMPANY_NAMES } from './gen-names.ts';
import { slugify, stream } from './gen-util.ts';
import type { ConfluencePlan, JiraPlan } from './model.ts';

export type Size = 'small' | 'large' | 'xl';

/**
 * `clean`: every posture check the data can show passes (all managed users have 2SV, admins are
 * active, no external users, no stale tokens, no public sharing), so a scenario's
 * misconfigurations are the only findings. `realistic`: the mess of a real org, at low rates.
 */
export type Posture = 'clean' | 'realistic';

export interface SiteSpec {
  name: string;
  title: string;
  jira?: JiraPlan;
  confluence?: ConfluencePlan;
}

export interface GenSpec {
  seed: number;
  now: Date;
  posture: Posture;
  orgName: string;
  /** The verified domain the org's managed accounts live at. */
  domain: string;
  /** A second domain whose verification is still pending (null: none). */
  pendingDomain: string | null;
  /** A SCIM directory provisions users from an identity provider. */
  scim: boolean;
  sites: SiteSpec[];
  /** Total accounts, app accounts included. */
  users: number;
  groups: number;
  projects: number;
  spaces: number;
  apps: number;
  orgAdmins: number;
}

export const SIZES: Record<
  Size,
  { users: number; groups: number; projects: number; spaces: number; apps: number }
> = {
  small: { users: 50, groups: 10, projects: 10, spaces: 8, apps: 12 },
  large: { users: 10_000, groups: 800, projects: 500, spaces: 300, apps: 120 },
  xl: { users: 100_000, groups: 5_000, projects: 3_000, spaces: 2_000, apps: 400 },
};

/** The default sites of a size preset: 1, 2 or 3 sites on rising plans. */
export function presetSites(size: Size, orgSlug: string, orgName: string): SiteSpec[] {
  const main: SiteSpec = { name: orgSlug, title: orgName, jira: 'PREMIUM', confluence: 'STANDARD' };
  if (size === 'small') return [main];
  const labs: SiteSpec = { name: `${orgSlug}-labs`, title: `${orgName} Labs`, jira: 'STANDARD' };
  if (size === 'large') return [{ ...main, confluence: 'PREMIUM' }, labs];
  return [
    { ...main, jira: 'ENTERPRISE', confluence: 'ENTERPRISE' },
    { name: `${orgSlug}-eu`, title: `${orgName} EU`, jira: 'PREMIUM', confluence: 'PREMIUM' },
    labs,
  ];
}

export function sizeSpec(size: Size, seed: number, now: Date): GenSpec {
  const orgName = stream(seed, 'org-name').pick(COMPANY_NAMES);
  const slug = slugify(orgName);
  return {
    seed,
    now,
    posture: 'realistic',
    orgName,
    domain: `${slug}-${seed}.example`,
    pendingDomain: `${slug}-${seed}-labs.example`,
    scim: size !== 'small',
    sites: presetSites(size, slug, orgName),
    ...SIZES[size],
    orgAdmins: stream(seed, 'org-admins').int(2, 6),
  };
}

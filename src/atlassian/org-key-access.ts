import type { Endpoint, OrgKeyRequirement } from './catalogue/index.ts';

// What an org API key needs to call an endpoint (the catalogue's `orgKey`), phrased for the people
// who create keys: a 403 names it, so a dataset a scoped key could not read says which scope to
// add, or that only a key without scopes will do.
// https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/

export const UNSCOPED_ORG_KEY = 'an org API key without scopes';

/** What would let a key call it: a scope, or a key without scopes; nothing when any key may. */
export function orgKeyNeeds(requirement: OrgKeyRequirement | undefined): string | undefined {
  if (requirement === undefined || requirement === 'any-key') return undefined;
  return requirement === 'unscoped-key' ? UNSCOPED_ORG_KEY : requirement;
}

/** One sentence on the key an endpoint needs, for a 403's reason. */
export function describeOrgKeyNeeds(e: Endpoint): string | undefined {
  const needs = orgKeyNeeds(e.orgKey);
  if (needs === undefined) return undefined;
  return e.orgKey === 'unscoped-key'
    ? `no scope opens ${e.id}: it needs ${UNSCOPED_ORG_KEY}`
    : `${e.id} needs a key with the scope ${needs} (or a key without scopes)`;
}

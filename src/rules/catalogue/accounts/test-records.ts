import type { SubjectValue } from '../../attestation-subjects.ts';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { TEST_NOW } from '../../testing/test-snapshot.ts';

// Builders for the org records the identity, accounts and tokens rule tests write by hand: each
// fills the fields a rule does not look at with the values of an ordinary, healthy account, so a
// test states only what it is about.

type OrgUser = DatasetRecord<'org.users'>;
type Domain = DatasetRecord<'org.domains'>;
type Policy = SubjectValue<'attested.authentication-policies'>['policies'][number];

/** An ISO time `days` before TEST_NOW. */
export function daysAgo(days: number): string {
  return new Date(TEST_NOW.getTime() - days * 86_400_000).toISOString();
}

/** An active, managed, SCIM-synced person at acme.example with 2SV, active yesterday. */
export function orgUser(id: string, fields: Partial<OrgUser> = {}): OrgUser {
  return {
    accountId: id,
    accountType: 'atlassian',
    accountStatus: 'active',
    membershipStatus: 'active',
    status: 'active',
    name: id.charAt(0).toUpperCase() + id.slice(1),
    emailDomain: 'acme.example',
    emailVerified: true,
    claimStatus: 'managed',
    managementSource: 'synced',
    platformRoles: [],
    mfaEnabled: true,
    addedToOrg: daysAgo(400),
    lastActive: daysAgo(1),
    productAccessCount: 2,
    ...fields,
  };
}

export const ORG_ADMIN = ['atlassian/org-admin'];
export const SITE_ADMIN = ['atlassian/site-admin'];

export function domain(name: string, verified = true): Domain {
  return {
    id: `dom-${name}`,
    name,
    claimType: 'dns',
    status: verified ? 'verified' : 'unverified',
    verified,
  };
}

/** A non-default policy with 10 members, SSO enforced, every optional setting at its hardened value. */
export function policy(name: string, fields: Partial<Policy> = {}): Policy {
  return {
    name,
    isDefault: false,
    members: 10,
    ssoEnforced: true,
    twoStepVerification: 'required',
    passwordMinimumStrength: 'strong',
    passwordExpiryDays: null,
    idleSessionMinutes: 480,
    thirdPartyLoginBlocked: true,
    userApiTokensBlocked: true,
    userApiTokenMaxExpiryDays: 30,
    ...fields,
  };
}

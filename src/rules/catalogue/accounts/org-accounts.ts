import { z } from 'zod';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { RuleResource } from '../../outcome.ts';

// What the organization rules of groups A–C agree on about accounts (org.users records, see
// src/sync/collectors/org-users.ts): who is a person, who can still sign in, who is an admin, and
// the settings that name break-glass accounts. One definition, so the admin count, the dormant
// admins and the admins' 2SV rules never disagree about who "an admin" is.

export type OrgUser = DatasetRecord<'org.users'>;

const DAY_MS = 86_400_000;

/** Whole days from an ISO time to `now` (negative when it lies ahead). */
export function daysSince(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}

/** A person's Atlassian account: not an app, customer (JSM portal) or unknown account. */
export function isPerson(user: OrgUser): boolean {
  return user.accountType === 'atlassian';
}

// The v2 lifecycle statuses of an account that cannot sign in to this organization.
const BLOCKED_STATUSES = new Set(['suspended', 'deactivated', 'for_deletion']);

/** The account can sign in and reach the organization: not deactivated, closed or suspended here. */
export function canSignIn(user: OrgUser): boolean {
  return (
    user.accountStatus === 'active' &&
    user.membershipStatus !== 'suspended' &&
    !BLOCKED_STATUSES.has(user.status ?? '')
  );
}

/** Platform roles that administer something: org admin, site admin, user access admin… (not `ai-access`). */
export function adminRoles(user: OrgUser): string[] {
  return user.platformRoles.filter((r) => r.endsWith('-admin'));
}

export function isOrgAdmin(user: OrgUser): boolean {
  return user.platformRoles.includes('atlassian/org-admin');
}

export function userResource(user: OrgUser): RuleResource {
  return { type: 'user', id: user.accountId, name: user.name || user.accountId };
}

/** The small, stable facts a user result carries as evidence (never an e-mail address). */
export function userEvidence(user: OrgUser): Record<string, string | number | boolean | null | string[]> {
  return {
    emailDomain: user.emailDomain,
    claimStatus: user.claimStatus,
    platformRoles: user.platformRoles,
    lastActive: user.lastActive,
  };
}

/**
 * Break-glass accounts are named by account id: Palisade stores only the domain of an e-mail
 * address, so an address could not be matched.
 */
export const breakGlassAccounts = z
  .array(z.string().min(1))
  .default([])
  .describe(
    'Account ids of the emergency-access (break-glass) accounts, e.g. 5b10ac8d82e05b22cc7d4ef5 (Directory → ' +
      'Users → the account; the id ends its URL). E-mail addresses cannot be used: Palisade keeps only ' +
      'the domain of an address.',
  );

/**
 * Which accounts sign in through an enforced SSO policy. Their second factor is the identity
 * provider's, so Atlassian's own two-step verification is not expected of them; no public API says
 * who is in which authentication policy, so the organization declares it.
 */
export const ssoCoveredAccounts = z
  .enum(['none', 'synced', 'managed'])
  .default('none')
  .describe(
    'Accounts that sign in through enforced SSO and so need no Atlassian two-step verification: none ' +
      '(default), accounts provisioned from the identity provider (SCIM, "synced"), or every managed ' +
      'account. Break-glass accounts never count as covered. Confirm it with org_sso_enforced.',
  );

export type SsoCoverage = z.output<typeof ssoCoveredAccounts>;

/** The account signs in through SSO per the organization's declaration (break-glass accounts never do). */
export function coveredBySso(user: OrgUser, coverage: SsoCoverage, breakGlass: ReadonlySet<string>): boolean {
  if (breakGlass.has(user.accountId) || user.claimStatus !== 'managed') return false;
  if (coverage === 'managed') return true;
  return coverage === 'synced' && user.managementSource === 'synced';
}

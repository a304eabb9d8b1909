import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';
import { BITBUCKET_SUBJECTS } from './attestation-subjects-bitbucket.ts';
import { CONFLUENCE_SUBJECTS } from './attestation-subjects-confluence.ts';
import { DATA_CENTER_SUBJECTS } from './attestation-subjects-data-center.ts';
import { JIRA_SUBJECTS } from './attestation-subjects-jira.ts';
import { ORG_SETTINGS_SUBJECTS } from './attestation-subjects-org-settings.ts';

// Settings no public API exposes (Atlassian ACCESS-1044 / ACCESS-1838: authentication policies
// can only be written, never read), so an admin records what the admin UI shows, with evidence and
// an expiry (see attestation.ts). Each subject is a pseudo-dataset: a rule lists it in `requires`
// like any dataset, the engine supplies its value when a current attestation exists and emits
// `unknown` ("no public API and no attestation", or "attestation expired") otherwise.
// https://jira.atlassian.com/browse/ACCESS-1838

// Optional fields: an admin may attest only what the rules they care about read; a rule that
// needs a field nobody recorded reports `unknown` for it rather than guessing.
const authenticationPolicy = z.strictObject({
  name: z.string().min(1),
  /** New and newly claimed accounts land in the default policy. */
  isDefault: z.boolean(),
  /** Members, when known: a policy nobody is in weakens nothing. */
  members: z.number().int().nonnegative().optional(),
  ssoEnforced: z.boolean(),
  twoStepVerification: z.enum(['required', 'optional']).optional(),
  passwordMinimumStrength: z.enum(['weak', 'fair', 'good', 'strong']).optional(),
  /** Null: passwords never expire. */
  passwordExpiryDays: z.number().int().positive().nullable().optional(),
  idleSessionMinutes: z.number().int().positive().optional(),
  thirdPartyLoginBlocked: z.boolean().optional(),
  userApiTokensBlocked: z.boolean().optional(),
  /** Null: the Atlassian default (one year). */
  userApiTokenMaxExpiryDays: z.number().int().positive().nullable().optional(),
});

/** A day as the admin UI shows it (`2025-06-01`), or a full timestamp. */
const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

// No dataset reads org API keys: the API Access API lists them (`GET /admin/api-access/v1/orgs/
// {orgId}/api-keys`), but its paths are unverified against a live org and the simulator does not
// serve them, so an admin records what Settings → API keys shows.
const adminApiKey = z.strictObject({
  name: z.string().min(1),
  /** Created "with scopes" (false: an unscoped key that can call every admin API). */
  scoped: z.boolean(),
  createdAt: day.optional(),
  /** Null: the key never expires (keys created before expiry dates existed). */
  expiresAt: day.nullable(),
  /** Null: never used; absent: not recorded. */
  lastUsedAt: day.nullable().optional(),
  /** This is the key Palisade itself connects with (reading user API tokens needs an unscoped key). */
  palisade: z.boolean().optional(),
});

const ORG_SUBJECTS = {
  'attested.authentication-policies': defineSubject({
    title: 'Authentication policies',
    scope: 'org',
    whereToFind:
      'admin.atlassian.com → Security → Authentication policies: record every policy, its members, and ' +
      'the SSO, two-step verification, password, session and API token settings it shows.',
    schema: z.strictObject({ policies: z.array(authenticationPolicy).min(1) }),
  }),
  'attested.external-user-policy': defineSubject({
    title: 'External user policy',
    scope: 'org',
    whereToFind: 'admin.atlassian.com → Security → External users.',
    schema: z.strictObject({
      enabled: z.boolean(),
      /** How external users prove their identity: single sign-on, a one-time code by e-mail, or none. */
      verification: z.enum(['sso', 'email-otp', 'none']).optional(),
      /** The session expiration: how often external users verify again (null: never). */
      reverifyEveryDays: z.number().int().positive().nullable().optional(),
      apiAccessBlocked: z.boolean().optional(),
    }),
  }),
  'attested.admin-api-keys': defineSubject({
    title: 'Organization admin API keys',
    scope: 'org',
    whereToFind:
      'admin.atlassian.com → Settings → API keys: record every key (both the "with scopes" and "without ' +
      'scopes" lists) with its creation date, expiry date and last activity, and mark the key Palisade ' +
      'connects with.',
    schema: z.strictObject({ keys: z.array(adminApiKey) }),
  }),
  'attested.mobile-policy': defineSubject({
    title: 'Mobile app policy',
    scope: 'org',
    whereToFind: 'admin.atlassian.com → Security → Mobile app policy, and the session duration settings.',
    schema: z.strictObject({
      mobileAppPolicyConfigured: z.boolean(),
      /** Null: mobile sessions never expire. */
      mobileSessionExpiryMinutes: z.number().int().positive().nullable().optional(),
    }),
  }),
} as const;

// Subjects per product live in their own files so each area's rules can add what they need.
export const ATTESTATION_SUBJECTS = {
  ...ORG_SUBJECTS,
  ...ORG_SETTINGS_SUBJECTS,
  ...JIRA_SUBJECTS,
  ...CONFLUENCE_SUBJECTS,
  ...DATA_CENTER_SUBJECTS,
  ...BITBUCKET_SUBJECTS,
} as const;

export type SubjectName = keyof typeof ATTESTATION_SUBJECTS;
export const SUBJECT_NAMES = Object.keys(ATTESTATION_SUBJECTS) as [SubjectName, ...SubjectName[]];
export type SubjectValue<N extends SubjectName> = z.output<(typeof ATTESTATION_SUBJECTS)[N]['schema']>;

export function isSubjectName(name: string): name is SubjectName {
  return Object.hasOwn(ATTESTATION_SUBJECTS, name);
}

export type { AttestationSubject };

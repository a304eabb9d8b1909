import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';
import { CONFLUENCE_SUBJECTS } from './attestation-subjects-confluence.ts';
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
      /** How external users prove their identity: a one-time code by e-mail, or none. */
      verification: z.enum(['email-otp', 'none']).optional(),
      reverifyEveryDays: z.number().int().positive().nullable().optional(),
      apiAccessBlocked: z.boolean().optional(),
    }),
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
} as const;

export type SubjectName = keyof typeof ATTESTATION_SUBJECTS;
export const SUBJECT_NAMES = Object.keys(ATTESTATION_SUBJECTS) as [SubjectName, ...SubjectName[]];
export type SubjectValue<N extends SubjectName> = z.output<(typeof ATTESTATION_SUBJECTS)[N]['schema']>;

export function isSubjectName(name: string): name is SubjectName {
  return Object.hasOwn(ATTESTATION_SUBJECTS, name);
}

export type { AttestationSubject };

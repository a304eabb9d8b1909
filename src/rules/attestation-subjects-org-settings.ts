// Attestation subjects for org settings that no public API exposes: who may join or invite people,
// and who may start new Atlassian apps. Add entries with `defineSubject` from ./attestation-subject.ts.
import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';

const approvedDomain = z.strictObject({
  /** The e-mail domain, as listed (`acme.com`). */
  domain: z.string().min(1),
  /** The apps it grants a role on (`Jira`, `Confluence`…), when recorded. */
  apps: z.array(z.string().min(1)).optional(),
  /** The Admin approval "Required" box: users from the domain must be approved before they join. */
  adminApprovalRequired: z.boolean().optional(),
});

const appRequest = z.strictObject({
  /** The Atlassian app the setting is for (`Jira`, `Confluence`, `Jira Service Management`…). */
  app: z.string().min(1),
  /** `allow`: managed accounts may sign up on their own (the default); `require-admin-review`. */
  setting: z.enum(['allow', 'require-admin-review']),
});

export const ORG_SETTINGS_SUBJECTS = {
  'attested.approved-domains': defineSubject({
    title: 'Approved domains',
    scope: 'org',
    whereToFind:
      'admin.atlassian.com → Apps (formerly Products) → App access settings (User access settings) → ' +
      'Approved domains: record every domain, the apps it gives a role on and whether admin approval is ' +
      'required. An empty list means no domain is approved.',
    schema: z.strictObject({ domains: z.array(approvedDomain) }),
  }),
  'attested.user-invites': defineSubject({
    title: 'User invites and invite links',
    scope: 'org',
    whereToFind:
      'admin.atlassian.com → Apps (formerly Products) → App access settings (User access settings) → ' +
      'User invites, and the Invite links tab.',
    schema: z.strictObject({
      /**
       * Who existing users may invite: nobody (only admins invite), people at approved domains, anyone
       * subject to admin approval, or anyone.
       */
      invites: z.enum(['admins-only', 'approved-domains', 'admin-approval', 'anyone']),
      /** Invite links are on: whoever holds a link joins without approval. */
      inviteLinksEnabled: z.boolean().optional(),
    }),
  }),
  'attested.app-requests': defineSubject({
    title: 'App requests (shadow IT controls)',
    scope: 'org',
    whereToFind:
      'admin.atlassian.com → Security → App requests (Shadow IT controls) → Request settings: record the ' +
      'setting of every app listed.',
    schema: z.strictObject({ apps: z.array(appRequest).min(1) }),
  }),
} as const satisfies Record<string, AttestationSubject>;

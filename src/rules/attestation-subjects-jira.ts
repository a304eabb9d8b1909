// Attestation subjects for Jira and Jira Service Management settings that no public API exposes
// (or that Palisade does not read). Each is per site: a site admin records what the site's admin
// pages show. Rules in catalogue/jira and catalogue/jsm require them.
import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';

/** A global permission key as Jira names it: `BULK_CHANGE`, `USER_PICKER`, `ADMINISTER`… */
const permissionKey = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a permission key such as BULK_CHANGE');

const globalPermission = z.strictObject({
  permission: permissionKey,
  /** Names of the groups the Global permissions page lists for it. */
  groups: z.array(z.string().min(1)),
  /** Granted to "Anyone on the web" (public). */
  anyone: z.boolean(),
});

const webhook = z.strictObject({
  /** The name shown on the WebHooks page; names identify webhooks in results, so they must be unique. */
  name: z.string().min(1),
  url: z.url(),
  enabled: z.boolean(),
  /** A secret is set, so Jira signs each delivery (X-Hub-Signature) and the receiver can verify it. */
  secretConfigured: z.boolean(),
});

export const JIRA_SUBJECTS = {
  'attested.jira-public-sharing': defineSubject({
    title: 'Jira public sharing',
    scope: 'site',
    whereToFind:
      'In Jira, Settings → System → General configuration: the "Public sharing" setting (whether filters and ' +
      'dashboards may be shared with anyone on the web).',
    schema: z.strictObject({ publicSharingEnabled: z.boolean() }),
  }),
  'attested.jira-default-share-scope': defineSubject({
    title: 'Jira default sharing for new filters and dashboards',
    scope: 'site',
    whereToFind:
      'In Jira, Settings → System → Default user preferences: "Default sharing for filters and dashboards" ' +
      '(Private, or Public, which there means every logged-in user).',
    schema: z.strictObject({ defaultSharing: z.enum(['private', 'public']) }),
  }),
  'attested.jira-global-permissions': defineSubject({
    title: 'Jira global permissions',
    scope: 'site',
    whereToFind:
      'In Jira, Settings → System → Global permissions: for each permission you record (at least "Make bulk ' +
      'changes", key BULK_CHANGE), the groups it is granted to and whether "Anyone on the web" holds it.',
    schema: z
      .strictObject({ permissions: z.array(globalPermission).min(1) })
      .refine(
        (v) => new Set(v.permissions.map((p) => p.permission)).size === v.permissions.length,
        'record each permission once',
      ),
    example: { permissions: [{ permission: 'BULK_CHANGE', groups: ['jira-admins'], anyone: false }] },
  }),
  'attested.jira-webhooks': defineSubject({
    title: 'Jira admin webhooks',
    scope: 'site',
    whereToFind:
      'In Jira, Settings → System → WebHooks: every webhook with its URL, whether it is enabled and whether ' +
      'a secret is set (record an empty list when there are none).',
    schema: z
      .strictObject({ webhooks: z.array(webhook) })
      .refine(
        (v) => new Set(v.webhooks.map((w) => w.name)).size === v.webhooks.length,
        'webhook names must be unique',
      ),
  }),
  'attested.jsm-customer-access': defineSubject({
    title: 'Jira Service Management customer access',
    scope: 'site',
    whereToFind:
      'In Jira, Settings → Products → Jira Service Management → Customer access: who may create customer ' +
      'accounts (nobody but your team, only people at the listed domains, or anyone), the domains listed, ' +
      'and whether customers must log in to access help centers and portals.',
    schema: z.strictObject({
      /** `disabled`: only agents and admins add customers; `domains`: sign-up limited to `allowedDomains`. */
      accountCreation: z.enum(['disabled', 'domains', 'anyone']),
      /** The e-mail domains allowed to sign up when `accountCreation` is `domains`. */
      allowedDomains: z.array(z.string().min(1)).default([]),
      /** False: anyone can view help centers and raise requests without logging in. */
      loginRequired: z.boolean(),
    }),
  }),
} as const satisfies Record<string, AttestationSubject>;

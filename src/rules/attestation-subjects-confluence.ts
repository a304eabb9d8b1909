// Attestation subjects for settings that no public API exposes: the Confluence ones (per site), and
// the organization's data security policies, connected-apps settings and Guard Detect routing that
// the data-protection and app-governance rules read. Add entries with `defineSubject` from
// ./attestation-subject.ts. Fields are optional where an admin may reasonably attest only part of a
// page: a rule that needs a field nobody recorded reports `unknown` for it rather than guessing.
import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';

/** A space key as Confluence shows it (upper case by convention; compared case-insensitively). */
const spaceKey = z.string().trim().min(1);

// --- Confluence (site) --------------------------------------------------------------------------

/**
 * Default space permissions, in words that fit both the classic checkbox grid and the role-based
 * "Defaults for new spaces" page: `delete-own` is "Delete own"; `delete-content` deleting other
 * people's pages, blogs, attachments or comments; `delete-space` deleting the space itself.
 */
export const DEFAULT_SPACE_PERMISSIONS = [
  'view',
  'add-content',
  'delete-own',
  'delete-content',
  'archive',
  'restrict',
  'export',
  'administer',
  'delete-space',
] as const;
const defaultSpacePermission = z.enum(DEFAULT_SPACE_PERMISSIONS);

const CONFLUENCE_SITE_SUBJECTS = {
  'attested.confluence-anonymous-access': defineSubject({
    title: 'Confluence anonymous access settings',
    scope: 'site',
    whereToFind:
      'Confluence settings → Security → Global permissions → Anonymous access tab (View user profiles), and ' +
      'Confluence settings → Anonymous access on role-based sites ("Enforce site-level control of anonymous ' +
      'access"). Whether anonymous users may use Confluence at all is read by probe, not attested.',
    schema: z.strictObject({
      /** Anonymous "View user profiles" (user enumeration without signing in). */
      viewUserProfiles: z.boolean().optional(),
      /** `unavailable`: the site is not on role-based access yet, so the control does not exist there. */
      siteLevelControl: z.enum(['enforced', 'not-enforced', 'unavailable']).optional(),
    }),
  }),
  'attested.confluence-public-links': defineSubject({
    title: 'Confluence public links',
    scope: 'site',
    whereToFind:
      'Confluence settings → Security → Global permissions → Public links tab: the site toggle "Allow public ' +
      'links on this site", the status of each space (Allowed, Not allowed, Blocked from allowing) and the ' +
      'table of pages with an active public link.',
    schema: z.strictObject({
      /** "Allow public links on this site" is on (the Atlassian default). */
      siteAllowed: z.boolean(),
      /** Spaces and their status; record at least the sensitive ones. */
      spaces: z
        .array(z.strictObject({ key: spaceKey, status: z.enum(['allowed', 'not-allowed', 'blocked']) }))
        .optional(),
      /** Every page with an active public link, and whether its owner confirmed it is meant to be public. */
      activeLinks: z
        .array(z.strictObject({ space: spaceKey, page: z.string().trim().min(1), approved: z.boolean() }))
        .optional(),
    }),
  }),
  'attested.confluence-default-space-permissions': defineSubject({
    title: 'Confluence default space permissions',
    scope: 'site',
    whereToFind:
      'Confluence settings → Security → Space permissions → Default space permissions (classic), or → ' +
      'Defaults for new spaces (role-based: record each group’s role as the permissions it includes).',
    schema: z.strictObject({
      /** What the Anonymous row grants every new space; empty when nothing. */
      anonymous: z.array(defaultSpacePermission),
      /** Role-based sites: the "All licensed users" (or "All Confluence users") user class. */
      allLicensedUsers: z.array(defaultSpacePermission).optional(),
      groups: z.array(
        z.strictObject({ name: z.string().trim().min(1), permissions: z.array(defaultSpacePermission) }),
      ),
    }),
  }),
  'attested.confluence-guests': defineSubject({
    title: 'Confluence guests review',
    scope: 'site',
    whereToFind:
      'admin.atlassian.com → Directory → Users, filtered by the Confluence Guest role (the account id is in ' +
      'the user’s URL), and Confluence settings → Global permissions → Guests for the space each one is in. ' +
      'Record every guest, the spaces they are meant to work in and whether they still need access.',
    schema: z.strictObject({
      guests: z.array(
        z.strictObject({
          accountId: z.string().trim().min(1),
          name: z.string().trim().min(1),
          /** The spaces the guest is meant to collaborate in (one, for single-space guests). */
          spaces: z.array(spaceKey),
          /** The sponsor confirmed the guest still needs access at this review. */
          stillNeeded: z.boolean(),
        }),
      ),
    }),
  }),
} as const;

// --- Organization: data security policies, connected apps, Guard Detect ---------------------------

/**
 * One data security control as it protects data, whether the org still has separate policies (each
 * with coverage and rules) or the consolidated org-level policy (a default and overrides): where the
 * control blocks, summed over the active policies.
 */
const dataSecurityControl = z.strictObject({
  /** `everywhere`: blocked for all Jira and Confluence data by default; `selected`: only for `covered`. */
  blocks: z.enum(['everywhere', 'selected', 'nowhere']),
  /** With `selected`: the apps (sites), spaces, projects or classification levels it covers, by name or key. */
  covered: z.array(z.string().trim().min(1)).default([]),
  /** Overrides that allow the action again for some spaces, projects or classification levels. */
  exceptions: z.array(z.string().trim().min(1)).default([]),
});

const ORG_DATA_SUBJECTS = {
  'attested.data-security-policies': defineSubject({
    title: 'Data security policies',
    scope: 'org',
    whereToFind:
      'admin.atlassian.com → Security → Data security policies: for each control (data export, public links, ' +
      'anonymous access, Marketplace and custom app access), where it blocks across the active policies — ' +
      'everywhere by default, or the products, spaces, projects or classification levels covered — and any ' +
      'overrides. The Admin Control policies read endpoint is deprecated, so no public API reads them.',
    schema: z.strictObject({
      anonymousAccess: dataSecurityControl.optional(),
      publicLinks: dataSecurityControl.optional(),
      export: dataSecurityControl.optional(),
      appAccess: dataSecurityControl
        .extend({
          /** `block-all` (any plan), an allowlist or a blocklist (Atlassian Guard). */
          mode: z.enum(['block-all', 'allowlist', 'blocklist']).optional(),
          /** Apps on the allowlist or blocklist. */
          listedApps: z.number().int().nonnegative().optional(),
        })
        .optional(),
    }),
  }),
  // Per site: the connected-apps settings live under each site in admin.atlassian.com.
  'attested.connected-apps-settings': defineSubject({
    title: 'Connected apps settings',
    scope: 'site',
    whereToFind:
      'admin.atlassian.com → Apps → Sites → (the site) → Connected apps → Settings tab: "Block user apps" ' +
      'and "Enable development mode".',
    schema: z.strictObject({
      /** Only admins may install apps; users cannot install or consent to apps themselves. */
      blockUserApps: z.boolean().optional(),
      /** Private apps may be installed from a descriptor URL. */
      developmentMode: z.boolean().optional(),
    }),
  }),
  'attested.guard-detect': defineSubject({
    title: 'Guard Detect alert routing and detections',
    scope: 'org',
    whereToFind:
      'Guard Detect (admin.atlassian.com → Security → Guard Detect): Integrations (SIEM webhook, Slack, ' +
      'Microsoft Teams, e-mail) and Detections (which alerts are switched on). Guard Detect has no API.',
    schema: z.strictObject({
      destinations: z.array(z.enum(['siem', 'webhook', 'slack', 'microsoft-teams', 'email'])),
      detections: z.strictObject({
        appInstalledOrRemoved: z.boolean(),
        policyChanged: z.boolean(),
        bulkExport: z.boolean(),
      }),
    }),
  }),
} as const;

export const CONFLUENCE_SUBJECTS = {
  ...CONFLUENCE_SITE_SUBJECTS,
  ...ORG_DATA_SUBJECTS,
} as const satisfies Record<string, AttestationSubject>;

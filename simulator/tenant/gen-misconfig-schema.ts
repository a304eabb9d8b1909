// The catalogue of misconfigurations a scenario can switch on. Each one mutates the generated
// tenant in one documented way and names the CHECKS.md check(s) it should make fail, so a reader
// (and the demo's tests) can map every finding back to the toggle that caused it.
import { z } from 'zod';

const site = z.string().min(1);
const count = z.int().min(1);
const days = z.number().min(0);
const emails = z.array(z.email()).min(1);
const note = z.string().optional();

const kind = <K extends string, S extends z.ZodRawShape>(name: K, shape: S) =>
  z.strictObject({ kind: z.literal(name), note, ...shape });

export const misconfigurationSchema = z.discriminatedUnion('kind', [
  kind('org_unverified_domain', { domain: z.string().optional() }),
  kind('org_unclaimed_accounts', { count }),
  kind('org_dormant_users', {
    count: count.optional(),
    users: emails.optional(),
    daysAgo: days.optional(),
    neverActive: z.int().min(0).optional(),
  }),
  kind('org_dormant_admins', { count: count.optional(), users: emails.optional(), daysAgo: days.optional() }),
  kind('org_too_many_admins', { total: z.int().min(1) }),
  kind('org_too_many_site_admins', { site, total: z.int().min(1) }),
  kind('org_no_ip_allowlist', { mode: z.enum(['disabled', 'removed']).optional() }),
  kind('org_stale_api_tokens', {
    count: count.optional(),
    users: emails.optional(),
    unusedDays: days.optional(),
    neverUsed: z.int().min(0).optional(),
  }),
  kind('org_users_without_2sv', {
    count: z.int().min(0).optional(),
    users: emails.optional(),
    admins: z.int().min(0).optional(),
  }),
  kind('org_external_users', {
    count,
    site: site.optional(),
    domains: z.array(z.string().min(3)).min(1).optional(),
    products: z.array(z.enum(['jira', 'confluence'])).optional(),
  }),
  kind('org_no_scim', {}),
  kind('org_unscoped_api_key', { label: z.string().optional(), unusedDays: days.nullable().optional() }),
  kind('jira_anyone_browse', {
    site,
    project: z.string().optional(),
    scheme: z.string().optional(),
    permissions: z
      .array(z.string().regex(/^[A-Z_]+$/))
      .min(1)
      .optional(),
  }),
  kind('jira_public_filter', { site, count: count.optional(), name: z.string().optional() }),
  kind('jira_public_dashboard', { site, count: count.optional(), name: z.string().optional() }),
  kind('jira_anonymous_user_picker', { site }),
  kind('jira_project_admin_broad', {
    site,
    project: z.string().optional(),
    via: z.enum(['role', 'scheme']).optional(),
  }),
  kind('jira_too_many_admins', { site, total: z.int().min(1) }),
  kind('jira_team_managed_open', { site, count: count.optional(), project: z.string().optional() }),
  kind('conf_anonymous_site_access', { site }),
  kind('conf_anonymous_space', {
    site,
    space: z.string().optional(),
    operations: z
      .array(z.string().regex(/^[a-z_]+\/[a-zA-Z_]+$/))
      .min(1)
      .optional(),
  }),
  kind('conf_unlicensed_space', {
    site,
    space: z.string().optional(),
    operations: z
      .array(z.string().regex(/^[a-z_]+\/[a-zA-Z_]+$/))
      .min(1)
      .optional(),
  }),
  kind('conf_space_admin_broad', { site, space: z.string().optional() }),
  kind('conf_external_collaborators', { site, space: z.string().optional(), count: count.optional() }),
  kind('bitbucket_public_repository', { repository: z.string().optional() }),
  kind('bitbucket_unprotected_default_branch', { repository: z.string().optional() }),
  kind('bitbucket_force_push_allowed', { repository: z.string().optional() }),
  kind('bitbucket_old_deploy_key', {
    repository: z.string().optional(),
    label: z.string().optional(),
    addedDaysAgo: days.optional(),
    /** null: never used. */
    lastUsedDaysAgo: days.nullable().optional(),
  }),
  kind('bitbucket_webhook_insecure', { repository: z.string().optional(), host: z.string().optional() }),
  kind('bitbucket_webhook_unknown_host', { host: z.string().optional() }),
  kind('bitbucket_unsecured_secret_variable', {
    repository: z.string().optional(),
    key: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
  }),
  kind('bitbucket_too_many_admins', { total: z.int().min(1) }),
]);

export type Misconfiguration = z.infer<typeof misconfigurationSchema>;
export type MisconfigurationKind = Misconfiguration['kind'];

/** What each toggle does and the checks (CHECKS.md ids) it should trigger. */
export const MISCONFIGURATIONS: Record<MisconfigurationKind, { checks: string[]; does: string }> = {
  org_unverified_domain: {
    checks: ['org_domain_verified'],
    does: 'The domain (default: the org domain) drops to PENDING; its users become unmanaged.',
  },
  org_unclaimed_accounts: {
    checks: ['org_accounts_claimed'],
    does: '`count` active accounts at the verified domain are left unmanaged (never claimed).',
  },
  org_dormant_users: {
    checks: ['org_no_dormant_managed_users'],
    does: 'Active managed users (`users`, or `count` picked) last active `daysAgo` (default 120-400) days ago; `neverActive` more never signed in.',
  },
  org_dormant_admins: {
    checks: ['org_no_dormant_admins'],
    does: 'Admins (`users`, or `count` picked, never the admin credential) last active `daysAgo` (default 75) days ago.',
  },
  org_too_many_admins: {
    checks: ['org_admin_count_bounded'],
    does: 'Active staff are promoted to org admin until there are `total` org admins.',
  },
  org_too_many_site_admins: {
    checks: ['org_site_admin_count_bounded', 'jira_admin_count_bounded'],
    does: "Staff are added to the site's site-admins group until it has `total` members.",
  },
  org_no_ip_allowlist: {
    checks: ['org_ip_allowlist_enabled'],
    does: 'IP allowlist policies are disabled (`mode: disabled`, default) or deleted (`removed`).',
  },
  org_stale_api_tokens: {
    checks: ['org_no_stale_api_tokens'],
    does: '`count` API tokens of managed users unused for `unusedDays` (default 180); `neverUsed` of them never used.',
  },
  org_users_without_2sv: {
    checks: ['org_2sv_enforced_non_sso', 'org_admins_strong_auth'],
    does: '`count` managed users (or `users`) and `admins` admins have no two-step verification.',
  },
  org_external_users: {
    checks: ['org_external_users_reviewed', 'jira_browse_not_all_users_when_externals'],
    does: '`count` accounts at webmail/contractor domains get product access on `site` (default: the first).',
  },
  org_no_scim: {
    checks: ['org_scim_provisioning'],
    does: 'The SCIM directory is removed; synced users and groups become admin-managed.',
  },
  org_unscoped_api_key: {
    checks: ['org_admin_api_keys_hygiene'],
    does: 'An extra unscoped org API key that never expires, unused for `unusedDays` (default 200; null: never used).',
  },
  jira_anyone_browse: {
    checks: ['jira_permission_scheme_no_anyone', 'jira_anonymous_probe_clean'],
    does: "Grants `permissions` (default BROWSE_PROJECTS) to holder `anyone`: on a copy of `project`'s scheme, on `scheme`, or on the most used scheme.",
  },
  jira_public_filter: {
    checks: ['jira_no_public_filters', 'jira_public_sharing_disabled'],
    does: '`count` filters (or a new one called `name`) are shared with `global` (anyone on the web).',
  },
  jira_public_dashboard: {
    checks: ['jira_no_public_dashboards', 'jira_public_sharing_disabled'],
    does: '`count` dashboards (or a new one called `name`) are shared with `global`.',
  },
  jira_anonymous_user_picker: {
    checks: ['jira_browse_users_not_public', 'jira_anonymous_probe_clean'],
    does: 'USER_PICKER (Browse users and groups) is granted to anonymous.',
  },
  jira_project_admin_broad: {
    checks: ['jira_project_admin_not_broad'],
    does: "The product-access group joins `project`'s Administrators role (`via: role`, default) or gets ADMINISTER_PROJECTS in its scheme (`via: scheme`).",
  },
  jira_too_many_admins: {
    checks: ['jira_admin_count_bounded'],
    does: "Staff are added to the site's jira-admins group until it has `total` members.",
  },
  jira_team_managed_open: {
    checks: ['jira_team_managed_not_open'],
    does: '`project` (or `count` team-managed projects) are made open (not private).',
  },
  conf_anonymous_site_access: {
    checks: ['conf_anonymous_site_disabled'],
    does: 'Anonymous gets `use` on `application` (site-wide anonymous access on).',
  },
  conf_anonymous_space: {
    checks: ['conf_no_anonymous_space_access'],
    does: '`space` (default: the first space) grants `operations` (default read/space) to anonymous.',
  },
  conf_unlicensed_space: {
    checks: ['conf_no_unlicensed_space_access'],
    does: '`space` grants `operations` (default read/space) to unlicensed (JSM portal) users.',
  },
  conf_space_admin_broad: {
    checks: ['conf_space_admin_not_broad'],
    does: "The site's confluence-users group gets administer/space and delete/space on `space`.",
  },
  conf_external_collaborators: {
    checks: ['conf_external_collaborators_reviewed', 'org_external_users_reviewed'],
    does: '`count` (default 2) external accounts get Confluence access and edit rights on `space`.',
  },
  // Bitbucket: the check ids are the Bitbucket rules' (src/rules/catalogue/bitbucket/), named by
  // what they assert.
  bitbucket_public_repository: {
    checks: ['bitbucket_no_public_repositories'],
    does: '`repository` (default `web`) is made public with forks allowed; its project is no longer private.',
  },
  bitbucket_unprotected_default_branch: {
    checks: ['bitbucket_default_branch_protected'],
    does: "Every branch restriction on `repository`'s (default `billing`) main branch is removed.",
  },
  bitbucket_force_push_allowed: {
    checks: ['bitbucket_default_branch_no_force_push'],
    does: "The `force` restriction on `repository`'s (default `auth`) main branch is removed: history can be rewritten.",
  },
  bitbucket_old_deploy_key: {
    checks: ['bitbucket_deploy_keys_rotated'],
    does: '`repository` (default `infra`) gains an access key added `addedDaysAgo` (default 900) days ago, never used.',
  },
  bitbucket_webhook_insecure: {
    checks: ['bitbucket_webhooks_https'],
    does: '`repository` (default `data`) gains an unsigned webhook delivering over plain http://.',
  },
  bitbucket_webhook_unknown_host: {
    checks: ['bitbucket_webhooks_known_hosts'],
    does: "The workspace gains a webhook to `host` (default `webhook.site`), outside the org's domains.",
  },
  bitbucket_unsecured_secret_variable: {
    checks: ['bitbucket_pipeline_secrets_secured'],
    does: '`repository` (default `search`) gains an unsecured Pipelines variable `key` (default `AWS_SECRET_ACCESS_KEY`).',
  },
  bitbucket_too_many_admins: {
    checks: ['bitbucket_admin_count_bounded'],
    does: 'Workspace members (never the member credential) are made owners until there are `total`.',
  },
};

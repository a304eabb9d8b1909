import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, ofProduct } from './product.ts';

// Global permissions that should stay with a few named groups. "Broad" is every logged-in user,
// anonymous users, or a group every licensed user is in (the product's default user groups, plus
// the names an organization adds, such as an IdP's all-staff group).

/**
 * `admin`: the administrator rights (every account would administer the site); `user`: the rights
 * to list every user, publish shared filters and dashboards, and change issues in bulk, which the
 * products grant their default user group out of the box and hardening guides narrow.
 */
export type PermissionTier = 'admin' | 'user';

const SENSITIVE: Record<PermissionTier, Record<DcProduct['product'], string[]>> = {
  admin: {
    'jira-data-center': ['SYSTEM_ADMIN', 'ADMINISTER'],
    'confluence-data-center': ['SYSTEMADMINISTRATOR', 'ADMINISTRATECONFLUENCE'],
  },
  user: {
    'jira-data-center': [
      // "Browse users and groups": Jira DC names it USER_PICKER in /rest/api/2/permissions.
      'USER_PICKER',
      'BROWSE_USERS',
      'CREATE_SHARED_OBJECTS',
      'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
      'BULK_CHANGE',
    ],
    'confluence-data-center': ['VIEWUSERPROFILES'],
  },
};

const TIER = {
  admin: {
    title: (p: DcProduct) => `No ${p.name} administrator permission is granted to everyone`,
    severity: 'high',
    risk: (_p: DcProduct) =>
      'An administrator permission granted to everyone makes each account an administrator: one phished or ' +
      'self-registered account is enough to take over the site, its permissions, apps and data.',
  },
  user: {
    title: (p: DcProduct) =>
      p.product === 'jira-data-center'
        ? 'Jira’s user-listing, sharing and bulk-change permissions are not granted to everyone'
        : 'Confluence’s "View user profiles" permission is not granted to everyone',
    severity: 'medium',
    risk: (p: DcProduct) =>
      p.product === 'jira-data-center'
        ? 'Granted to everyone, these permissions let any account list every user (names for password spraying ' +
          'and phishing), publish filters and dashboards to the whole site, and change thousands of issues at once.'
        : 'Granted to everyone, it lets any account browse every user’s profile: names, e-mail addresses and ' +
          'teams for password spraying and phishing.',
  },
} as const;

const BROAD_GROUPS: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'jira-users',
    'jira-software-users',
    'jira-core-users',
    'jira-servicedesk-users',
    'jira-servicemanagement-users',
  ],
  'confluence-data-center': ['confluence-users', 'users'],
};

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → System → Global permissions.',
    'For each permission named in the finding, remove the broad group and grant it to a dedicated group of the people who need it.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Global permissions → Edit permissions.',
    'Clear the permission for the broad group (and for all logged-in users) and grant it to a dedicated administrators group instead.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Managing global permissions (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver103/managing-global-permissions-1489807379.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Global permissions overview (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/display/CONF615/Global+Permissions+Overview',
    },
  ],
};

const key = (name: string) => name.trim().toLowerCase();

export function broadGlobalPermissionsRule(p: DcProduct, id: string, tier: PermissionTier): Rule {
  const sensitive = SENSITIVE[tier][p.product];
  return defineRule({
    id,
    title: TIER[tier].title(p),
    area: p.area,
    severity: TIER[tier].severity,
    scope: 'site',
    resourceType: 'global-permission',
    requires: ['dc.global-permissions'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Reads who holds each of ${p.name}’s sensitive global permissions (\`dc.global-permissions\`; the list is a ` +
      `setting, by default ${sensitive.join(', ')}). Fails for each one held by all logged-in users, ` +
      'by anonymous users or by a broad group (the product’s default user groups and the names the settings add). ' +
      'A permission nobody holds is not listed.',
    risk: TIER[tier].risk(p),
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['5.4', '6.8'],
      'nist-800-53-r5': ['AC-6', 'AC-6(5)'],
      'iso-27001-2022': ['A.5.15', 'A.8.2'],
      soc2: ['CC6.3'],
    },
    settings: z.object({
      sensitivePermissions: z
        .array(z.string().min(1))
        .default(sensitive)
        .describe('Global permission keys that must not be granted broadly.'),
      broadGroups: z
        .array(z.string().min(1))
        .default(BROAD_GROUPS[p.product])
        .describe('Groups every licensed user is in (add an IdP-synced all-staff group).'),
    }),
    evaluate(ctx) {
      const judged = new Set(ctx.settings.sensitivePermissions);
      const broad = new Set(ctx.settings.broadGroups.map(key));
      return ofProduct(ctx.items('dc.global-permissions'), p)
        .filter((g) => judged.has(g.permission))
        .map((g) => {
          const holders = [
            ...(g.anonymous ? ['anonymous users'] : []),
            ...(g.allLoggedIn ? ['all logged-in users'] : []),
            ...g.groups.filter((name) => broad.has(key(name))),
          ];
          const resource = { id: g.permission, name: g.permission };
          const evidence = {
            groups: g.groups,
            users: g.users.length,
            anonymous: g.anonymous,
            allLoggedIn: g.allLoggedIn,
          };
          if (holders.length > 0) {
            return fail(resource, `${g.permission} is granted to ${holders.join(', ')}.`, evidence);
          }
          const who = g.groups.length > 0 ? `the groups ${g.groups.join(', ')}` : 'no group';
          return pass(
            resource,
            `${g.permission} is held by ${who} and ${g.users.length} named users.`,
            evidence,
          );
        });
    },
  });
}

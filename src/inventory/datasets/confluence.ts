import { z } from 'zod';
import { defineDataset } from './dataset.ts';
import { accessType } from './jira-access.ts';

// Confluence per site: spaces and who may do what in them, groups, system info, anonymous access.

export const spacePermission = z.object({
  /** `read` | `create` | `delete` | `administer` | `export` | `restrict_content` … */
  operation: z.string(),
  /** `space` | `page` | `blogpost` | `comment` | `attachment` … */
  targetType: z.string(),
  subjectType: z.enum(['user', 'group', 'anonymous', 'unlicensed']),
  accountId: z.string().nullable(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
});

export const confluenceSpaces = defineDataset({
  name: 'confluence.spaces',
  scope: 'site',
  kind: 'snapshot',
  product: 'confluence',
  holds:
    'Every space with its permissions, including the anonymous and unlicensed (JSM portal) access flags.',
  // v1 with `expand=permissions`; the v2 spaces and per-space permissions when v1 stops answering.
  endpoints: [
    'confluence.spacesWithPermissions.list',
    'confluence.spaces.list',
    'confluence.spacePermissions.list',
  ],
  usedBy: [
    'conf_no_anonymous_space_access',
    'conf_no_unlicensed_space_access',
    'conf_space_admin_not_broad',
    'conf_external_collaborators_reviewed',
  ],
  access: {
    needs: 'confluence-admin',
    without: 'partial',
    why: "the space listing leaves out the spaces the credential may not view, and shows a space's permissions only to its administrators",
  },
  schema: z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    type: z.string().nullable(),
    status: z.string().nullable(),
    anonymousAccess: z.boolean(),
    unlicensedAccess: z.boolean(),
    permissions: z.array(spacePermission),
  }),
  key: (r) => r.key,
});

export const confluenceGroups = defineDataset({
  name: 'confluence.groups',
  scope: 'site',
  kind: 'snapshot',
  product: 'confluence',
  holds: 'The groups that confer Confluence access on this site (site-admin, admin, user) and which.',
  endpoints: ['confluence.groups.list'],
  usedBy: ['conf_space_admin_not_broad (broad = product access group)'],
  schema: z.object({ groupId: z.string(), name: z.string(), accessTypes: z.array(accessType) }),
  key: (r) => r.groupId,
});

export const confluenceSystemInfo = defineDataset({
  name: 'confluence.system-info',
  scope: 'site',
  kind: 'snapshot',
  product: 'confluence',
  holds: 'Cloud id, edition (plan) and base URL of the Confluence site.',
  endpoints: ['confluence.systemInfo.get'],
  usedBy: ['plan-awareness (conf_public_links_controlled…)', 'reports'],
  schema: z.object({
    cloudId: z.string().nullable(),
    baseUrl: z.string().nullable(),
    edition: z.string().nullable(),
    siteTitle: z.string().nullable(),
  }),
  key: () => 'system-info',
});

export const confluenceAnonymous = defineDataset({
  name: 'confluence.anonymous',
  scope: 'site',
  kind: 'snapshot',
  product: 'confluence',
  holds:
    "What an unauthenticated visitor may do: the anonymous user's operations and the spaces an " +
    'unauthenticated space listing returns.',
  endpoints: [
    'confluence.anonymousUser.get',
    'confluence.spacesWithPermissions.list',
    'confluence.spaces.list',
  ],
  usedBy: ['conf_anonymous_site_disabled', 'conf_no_anonymous_space_access (ground truth)'],
  schema: z.object({
    /**
     * Anonymous holds `use` on `application`: site-wide anonymous access is on. Null when the site
     * refused the probe and no credential could read the anonymous user's operations.
     */
    siteAccess: z.boolean().nullable(),
    operations: z.array(z.object({ operation: z.string(), targetType: z.string() })),
    /** Keys of the spaces an unauthenticated `GET /wiki/rest/api/space` lists. */
    visibleSpaceKeys: z.array(z.string()),
    /**
     * The site answered the unauthenticated probe with 401: "Anonymous access to remote API" is
     * off. Nothing is visible through the API then, which says nothing about the browser.
     */
    anonymousRefused: z.boolean().optional(),
  }),
  key: () => 'anonymous',
});

import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Filters and dashboards with their share permissions (`global` = anyone on the web).

export const sharePermission = z.object({
  /** `global` | `loggedin` | `group` | `project` | `project-unknown` | `user` … */
  type: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  projectId: z.string().nullable(),
  roleId: z.number().nullable(),
  accountId: z.string().nullable(),
});

const shared = z.object({
  id: z.string(),
  name: z.string(),
  ownerAccountId: z.string().nullable(),
  sharePermissions: z.array(sharePermission),
});

export const jiraFilters = defineDataset({
  name: 'jira.filters',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Every filter (overrideSharePermissions) with owner and share permissions; JQL is not kept.',
  endpoints: ['jira.filters.search'],
  usedBy: ['jira_no_public_filters', 'jira_public_sharing_disabled'],
  access: {
    needs: 'jira-admin',
    without: 'partial',
    why: 'only Jira administrators may list every filter (overrideSharePermissions); others see the filters shared with them',
  },
  schema: shared,
  key: (r) => r.id,
});

export const jiraDashboards = defineDataset({
  name: 'jira.dashboards',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Dashboards visible to the Palisade account with owner and share permissions.',
  endpoints: ['jira.dashboards.search'],
  usedBy: ['jira_no_public_dashboards', 'jira_public_sharing_disabled'],
  schema: shared,
  key: (r) => r.id,
});

import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Product audit logs, read incrementally from the last cursor (append datasets).

export const jiraAudit = defineDataset({
  name: 'jira.audit',
  scope: 'site',
  kind: 'append',
  product: 'jira',
  holds: 'Jira audit records (permission, group, project and app changes), newest read incrementally.',
  endpoints: ['jira.auditRecords.list'],
  usedBy: ['apps.installations (installer, install time)', 'app_user_installed', 'reports'],
  access: { needs: 'jira-admin', without: 'forbidden', why: 'Jira answers 403 without Administer Jira' },
  schema: z.object({
    id: z.string(),
    /** ISO-8601 (UTC). */
    created: z.string(),
    summary: z.string(),
    category: z.string().nullable(),
    authorAccountId: z.string().nullable(),
    objectId: z.string().nullable(),
    objectName: z.string().nullable(),
    objectType: z.string().nullable(),
    changedValues: z.array(
      z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
    ),
  }),
  key: (r) => r.id,
});

export const confluenceAudit = defineDataset({
  name: 'confluence.audit',
  scope: 'site',
  kind: 'append',
  product: 'confluence',
  holds: 'Confluence audit records (permissions, spaces, apps), newest read incrementally.',
  endpoints: ['confluence.auditRecords.list'],
  usedBy: ['apps.installations (installer, install time)', 'app_user_installed', 'reports'],
  access: {
    needs: 'confluence-admin',
    without: 'forbidden',
    why: 'Confluence answers 403 without Confluence Administrator',
  },
  schema: z.object({
    /** Confluence records carry no id: a hash of the record's identifying fields. */
    id: z.string(),
    created: z.string(),
    summary: z.string(),
    description: z.string().nullable(),
    category: z.string().nullable(),
    authorAccountId: z.string().nullable(),
    affectedObjectName: z.string().nullable(),
    affectedObjectType: z.string().nullable(),
    sysAdmin: z.boolean().nullable(),
  }),
  key: (r) => r.id,
});

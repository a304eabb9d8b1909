import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Instance-wide Jira facts: one document each.

export const jiraServerInfo = defineDataset({
  name: 'jira.server-info',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Base URL, version and deployment type of the Jira site.',
  endpoints: ['jira.serverInfo.get'],
  usedBy: ['reports', 'dc_version_supported (Data Center only)'],
  schema: z.object({
    baseUrl: z.string(),
    version: z.string().nullable(),
    buildNumber: z.number().nullable(),
    deploymentType: z.string().nullable(),
    serverTitle: z.string().nullable(),
  }),
  key: () => 'server-info',
});

export const jiraLicense = defineDataset({
  name: 'jira.license',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'The plan (FREE, PAID…) of each Jira product on the site.',
  endpoints: ['jira.license.get'],
  usedBy: ['plan-awareness (not_applicable on Free)', 'jira audit availability'],
  schema: z.object({ applicationId: z.string(), plan: z.string() }),
  key: (r) => r.applicationId,
});

export const jiraConfiguration = defineDataset({
  name: 'jira.configuration',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Global Jira settings (voting, watching, unassigned issues, attachments…).',
  endpoints: ['jira.configuration.get'],
  usedBy: ['reports'],
  schema: z.object({
    votingEnabled: z.boolean().nullable(),
    watchingEnabled: z.boolean().nullable(),
    unassignedIssuesAllowed: z.boolean().nullable(),
    subTasksEnabled: z.boolean().nullable(),
    issueLinkingEnabled: z.boolean().nullable(),
    timeTrackingEnabled: z.boolean().nullable(),
    attachmentsEnabled: z.boolean().nullable(),
  }),
  key: () => 'configuration',
});

export const jiraApplicationProperties = defineDataset({
  name: 'jira.application-properties',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Application properties (advanced settings) with their values and defaults.',
  endpoints: ['jira.applicationProperties.list'],
  usedBy: ['jira_public_sharing_disabled (evidence)', 'reports'],
  access: { needs: 'jira-admin', without: 'forbidden', why: 'Jira answers 403 without Administer Jira' },
  schema: z.object({
    key: z.string(),
    value: z.string().nullable(),
    name: z.string().nullable(),
    type: z.string().nullable(),
    defaultValue: z.string().nullable(),
  }),
  key: (r) => r.key,
});

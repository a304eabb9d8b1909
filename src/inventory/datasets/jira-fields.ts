import { z } from 'zod';
import { defineDataset } from './dataset.ts';

export const jiraFields = defineDataset({
  name: 'jira.fields',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds:
    'App-provided custom fields (Connect `…atlassian-connect-plugin:<key>__…` or Forge ' +
    '`ari:cloud:ecosystem::extension/<appId>/…` types), with the app they belong to.',
  endpoints: ['jira.fields.search'],
  usedBy: ['app inventory (apps that store data in fields)', 'app_inactive_with_access (evidence)'],
  schema: z.object({
    id: z.string(),
    name: z.string(),
    customType: z.string(),
    /** Connect app key, when the type names one. */
    appKey: z.string().nullable(),
    /** Forge app id (UUID), when the type names one. */
    appId: z.string().nullable(),
  }),
  key: (r) => r.id,
});

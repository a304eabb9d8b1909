// Attestation subjects for Jira and Confluence Data Center settings that no REST API exposes: they
// live in files on each node (web.xml, seraph-config.xml), so a system administrator records what
// the node's files say. Per site (one Data Center base URL). Rules in catalogue/jira-data-center and
// catalogue/confluence-data-center require them.
import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';

export const DATA_CENTER_SUBJECTS = {
  'attested.dc-session-timeout': defineSubject({
    title: 'Data Center idle session timeout',
    scope: 'site',
    whereToFind:
      'On a node of the Jira or Confluence Data Center site, the <session-timeout> (in minutes) of ' +
      '<session-config> in <install>/atlassian-jira/WEB-INF/web.xml (Jira) or <install>/confluence/WEB-INF/web.xml ' +
      '(Confluence); every node of a cluster must have the same value.',
    schema: z.strictObject({
      /** Minutes of inactivity after which the product ends a session (Jira ships 300, Confluence 60). */
      idleTimeoutMinutes: z.number().int().positive(),
    }),
  }),
} as const satisfies Record<string, AttestationSubject>;

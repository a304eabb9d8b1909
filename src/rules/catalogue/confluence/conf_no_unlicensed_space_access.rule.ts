import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_no_unlicensed_space_access',
  title: 'No internal space grants access to unlicensed users (Jira Service Management portal customers)',
  area: 'confluence',
  severity: 'high',
  scope: 'site',
  resourceType: 'space',
  requires: ['confluence.spaces'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every space with its permissions (`GET /wiki/rest/api/space?expand=permissions`) and fails each ' +
    'space with a permission flagged `unlicensedAccess` — the "any active user can view this space" access ' +
    'a Jira Service Management knowledge base turns on for logged-in users without Confluence access. ' +
    'Knowledge base spaces declared in the settings may let them read, never write.',
  risk:
    'Portal customers are often self-signed-up outsiders; unlicensed access overrides the space’s group ' +
    'permissions, so every one of them can read an internal space that was linked to a help center by mistake.',
  remediation: {
    ui: [
      'In the Jira Service Management project, open Project settings → Channels & self service → Knowledge base.',
      'For each linked space that is not a customer-facing knowledge base, set "Who can view" to licensed users only, or unlink it.',
      'Alternatively, in Confluence open Settings → Global permissions → JSM access and review what unlicensed users may do.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Give access to unlicensed users from Jira Service Management',
      url: 'https://support.atlassian.com/confluence-cloud/docs/give-access-to-unlicensed-users-from-jira-service-management/',
    },
    {
      title: 'Manage who can view and edit your knowledge base articles',
      url: 'https://support.atlassian.com/jira-service-management-cloud/docs/manage-knowledge-base-permissions-from-your-service-project/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '6.1'],
    'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    knowledgeBaseSpaces: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Keys of customer-facing knowledge base spaces that unlicensed users may read (and only read).',
      ),
  }),
  evaluate(ctx) {
    const knowledgeBases = new Set(ctx.settings.knowledgeBaseSpaces.map((k) => k.toUpperCase()));
    return ctx.items('confluence.spaces').map((space) => {
      const resource = { id: space.key, name: space.name };
      const granted = [
        ...new Set(
          space.permissions
            .filter((p) => p.subjectType === 'unlicensed')
            .map((p) => `${p.operation}/${p.targetType}`),
        ),
      ];
      const evidence = { unlicensedOperations: granted, spaceType: space.type };
      if (granted.length === 0)
        return pass(resource, `${space.key} grants nothing to unlicensed users.`, evidence);
      const writes = granted.filter((op) => !op.startsWith('read/'));
      if (knowledgeBases.has(space.key.toUpperCase())) {
        if (writes.length === 0) {
          return pass(
            resource,
            `${space.key} is a declared knowledge base that unlicensed users may only read.`,
            evidence,
          );
        }
        return fail(
          resource,
          `${space.key} is a declared knowledge base but lets unlicensed users ${writes.join(', ')}.`,
          evidence,
        );
      }
      return fail(
        resource,
        `${space.key} grants ${granted.join(', ')} to unlicensed users (portal customers and anyone logged in).`,
        evidence,
      );
    });
  },
});

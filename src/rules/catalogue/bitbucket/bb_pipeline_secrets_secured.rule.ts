import { z } from 'zod';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, type RuleResource } from '../../outcome.ts';
import { workspaceResource } from './workspace.ts';

type Variable = DatasetRecord<'bitbucket.pipeline-variables'>;

/** Name fragments of variables that hold credentials (`AWS_SECRET_ACCESS_KEY`, `NPM_TOKEN`, `DB_PASSWORD`…). */
const SECRET_NAME_PARTS = [
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'ACCESS_KEY',
  'PRIVATE_KEY',
  'SSH_KEY',
  'SIGNING_KEY',
  'CREDENTIAL',
  'CONNECTION_STRING',
];

function variableResource(v: Variable): RuleResource {
  const where =
    v.level === 'workspace'
      ? 'workspace'
      : v.level === 'deployment'
        ? `${v.repository ?? '?'}, ${v.environment ?? 'deployment'}`
        : (v.repository ?? '?');
  return { id: v.uuid, name: `${v.key} (${where})` };
}

export const rule = defineRule({
  id: 'bb_pipeline_secrets_secured',
  title: 'Pipelines variables named like secrets are Secured',
  area: 'bitbucket',
  severity: 'high',
  scope: 'site',
  resourceType: 'pipeline-variable',
  requires: ['bitbucket.pipeline-variables'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the names of the workspace, repository and deployment environment Pipelines variables ' +
    '(`GET /2.0/workspaces/{workspace}/pipelines-config/variables`, `…/{repo_slug}/pipelines_config/variables`, ' +
    '`…/deployments_config/environments/{environment_uuid}/variables`) and fails each one whose name contains a ' +
    'secret-like fragment (`secretNameParts`: SECRET, PASSWORD, TOKEN, API_KEY…) but is not Secured. Values ' +
    'are never read or stored.',
  risk:
    'An unsecured variable is shown in plain text to everyone who can open the repository or workspace settings, ' +
    'returned by the API and printed in build logs: a credential stored there is readable by every developer ' +
    'and every token with pipeline access.',
  remediation: {
    ui: [
      'Rotate the credential first: assume the plain-text value has been seen.',
      'In Bitbucket, open Repository settings → Repository variables (or Workspace settings → Workspace variables, or Deployments for an environment).',
      'Edit the variable, enter the new value, select Secured and save (or delete it and add it again as Secured).',
    ],
    api: [
      'PUT https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/pipelines_config/variables/{variable_uuid} ' +
        'with {"key": "…", "value": "<new value>", "secured": true} (workspace: PUT /2.0/workspaces/{workspace}/pipelines-config/variables/{variable_uuid}).',
    ],
  },
  references: [
    {
      title: 'Variables and secrets',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/variables-and-secrets/',
    },
    {
      title: 'Bitbucket Cloud REST API: pipelines',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pipelines/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.11'],
    'nist-800-53-r5': ['IA-5', 'SC-28'],
    'iso-27001-2022': ['A.5.17', 'A.8.24'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    secretNameParts: z
      .array(z.string().min(1))
      .default(SECRET_NAME_PARTS)
      .describe(
        'Fragments that make a variable name look like a secret (case-insensitive; `-` reads as `_`).',
      ),
  }),
  evaluate(ctx) {
    const parts = ctx.settings.secretNameParts.map((p) => p.toUpperCase().replaceAll('-', '_'));
    const variables = ctx.items('bitbucket.pipeline-variables');
    const secretLike = variables.filter((v) => {
      const name = v.key.toUpperCase().replaceAll('-', '_');
      return parts.some((p) => name.includes(p));
    });
    const outcomes = secretLike.map((v): RuleOutcome => {
      const resource = variableResource(v);
      const evidence = {
        level: v.level,
        repository: v.repository,
        environment: v.environment,
        secured: v.secured,
      };
      if (v.secured) return pass(resource, `${resource.name} is Secured.`, evidence);
      return fail(
        resource,
        `${resource.name} looks like a secret but is not Secured: its value is readable in plain text.`,
        evidence,
      );
    });
    if (outcomes.length > 0) return outcomes;
    return [
      pass(
        workspaceResource(ctx.site),
        `None of the ${variables.length} Pipelines variables has a secret-like name.`,
        { variables: variables.length },
      ),
    ];
  },
});

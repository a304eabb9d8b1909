import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { deployKeyEvidence, deployKeyResource } from './deploy-keys.ts';
import { daysSince } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_keys_rotated',
  title: 'No repository or project access key is older than 180 days',
  area: 'bitbucket',
  severity: 'low',
  scope: 'site',
  resourceType: 'deploy-key',
  requires: ['bitbucket.deploy-keys'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every access (deploy) key of the workspace’s repositories and projects ' +
    '(`GET /2.0/repositories/{workspace}/{repo_slug}/deploy-keys`, `GET /2.0/workspaces/{workspace}/projects/{project_key}/deploy-keys`) ' +
    'and fails each one added longer ago than the configured number of days (180 by default). Bitbucket Cloud ' +
    'access keys are read-only (no key can push), so the age of a key is what matters; keys without a creation ' +
    'date are unknown.',
  risk:
    'An SSH private key copied to build servers, laptops and CI systems years ago can clone the code from ' +
    'wherever it ended up; nobody notices a leaked key that is never replaced.',
  remediation: {
    ui: [
      'In Bitbucket, open the repository (or project) settings → Access keys.',
      'Add a new key generated for the system that needs it (ed25519), switch the system to it, then delete the old key.',
    ],
    api: [
      'Add the new key: POST https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/deploy-keys with {"key": "<public key>", "label": "…"}.',
      'Delete the old one: DELETE https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/deploy-keys/{key_id}.',
    ],
  },
  references: [
    { title: 'Add access keys', url: 'https://support.atlassian.com/bitbucket-cloud/docs/add-access-keys/' },
    {
      title: 'Bitbucket Cloud REST API: deploy keys (deployments)',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-deployments/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.5'],
    'nist-800-53-r5': ['IA-5', 'SC-12'],
    'iso-27001-2022': ['A.5.17', 'A.8.24'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    maxAgeDays: z
      .number()
      .int()
      .positive()
      .default(180)
      .describe('Days after which an access key must be replaced.'),
  }),
  evaluate(ctx) {
    const { maxAgeDays } = ctx.settings;
    return ctx.items('bitbucket.deploy-keys').map((key) => {
      const resource = deployKeyResource(key);
      const evidence = deployKeyEvidence(key);
      if (key.addedOn === null || Number.isNaN(Date.parse(key.addedOn)))
        return unknown(resource, `Bitbucket did not say when ${resource.name} was added.`, evidence);
      const age = daysSince(key.addedOn, ctx.now);
      if (age > maxAgeDays)
        return fail(resource, `${resource.name} was added ${age} days ago (limit ${maxAgeDays}).`, evidence);
      return pass(resource, `${resource.name} was added ${age} days ago.`, evidence);
    });
  },
});

import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { repositoryResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_no_public_repos',
  title: 'No repository of the workspace is public unless it is meant to be',
  area: 'bitbucket',
  severity: 'critical',
  scope: 'site',
  resourceType: 'repository',
  requires: ['bitbucket.repositories'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every repository of the workspace (`GET /2.0/repositories/{workspace}`) and fails each one whose ' +
    '`is_private` is false, unless its full name (`workspace/slug`) is listed in the `intendedPublic` setting ' +
    '(open-source projects published on purpose).',
  risk:
    'Anyone on the internet can read and clone a public repository: its source, its history, and every secret ' +
    'ever committed to it, including ones deleted since. Search engines and secret scanners find them within minutes.',
  remediation: {
    ui: [
      'In Bitbucket, open the repository and select Repository settings → Repository details.',
      'Under Access level, select "This is a private repository", then Save repository details.',
      'If the repository is public on purpose, add its full name to this rule’s intendedPublic setting instead.',
      'Premium workspaces: Workspace settings → "Do not allow public content inside this workspace" prevents new public repositories.',
    ],
    api: [
      'Make it private: PUT https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug} with {"is_private": true}.',
    ],
  },
  references: [
    {
      title: 'Set repository privacy and forking options',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/set-repository-privacy-and-forking-options/',
    },
    {
      title: 'Bitbucket Cloud REST API: repositories',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-22'],
    'iso-27001-2022': ['A.8.3', 'A.8.4'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    intendedPublic: z
      .array(z.string().min(1))
      .default([])
      .describe('Repositories (`workspace/slug`) that are public on purpose.'),
  }),
  evaluate(ctx) {
    const intended = new Set(ctx.settings.intendedPublic.map((n) => n.trim().toLowerCase()));
    return ctx.items('bitbucket.repositories').map((repo) => {
      const resource = repositoryResource(repo);
      const evidence = { isPrivate: repo.isPrivate, projectKey: repo.projectKey };
      if (repo.isPrivate) return pass(resource, `${repo.fullName} is private.`, evidence);
      if (intended.has(repo.fullName.toLowerCase()))
        return pass(
          resource,
          `${repo.fullName} is public, as declared in the intendedPublic setting.`,
          evidence,
        );
      return fail(resource, `${repo.fullName} is public: anyone on the internet can clone it.`, evidence);
    });
  },
});

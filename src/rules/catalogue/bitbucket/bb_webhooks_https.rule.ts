import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { judgeActiveWebhooks, WEBHOOK_DOCS, WEBHOOK_RULE } from './webhooks.ts';

export const rule = defineRule({
  id: 'bb_webhooks_https',
  title: 'Every active webhook sends its data over HTTPS',
  severity: 'high',
  ...WEBHOOK_RULE,
  description:
    'Reads the workspace’s and each repository’s webhooks (`GET /2.0/workspaces/{workspace}/hooks`, ' +
    '`GET /2.0/repositories/{workspace}/{repo_slug}/hooks`) and fails each active one whose URL is not ' +
    '`https`. Inactive webhooks send nothing and are not applicable.',
  risk:
    'A webhook over plain HTTP sends commit messages, branch names, pull request contents and the payload ' +
    'signature in clear text: anyone on the path can read them or forge deliveries to the receiver.',
  remediation: {
    ui: [
      'In Bitbucket, open Repository settings → Webhooks (or Workspace settings → Webhooks).',
      'Edit the webhook, change its URL to the receiver’s https:// address, and save.',
    ],
    api: [
      'PUT https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/hooks/{uid} with {"url": "https://…"} ' +
        '(workspace webhooks: PUT /2.0/workspaces/{workspace}/hooks/{uid}).',
    ],
  },
  references: WEBHOOK_DOCS,
  compliance: {
    'cis-controls-v8': ['3.10'],
    'nist-800-53-r5': ['SC-8'],
    'iso-27001-2022': ['A.5.14', 'A.8.24'],
    soc2: ['CC6.7'],
  },
  evaluate(ctx) {
    return judgeActiveWebhooks(ctx, (hook, resource, evidence) => {
      const scheme = hook.urlScheme.trim().toLowerCase();
      if (scheme === 'https') return pass(resource, `The webhook to ${resource.name} uses HTTPS.`, evidence);
      return fail(
        resource,
        `The webhook to ${resource.name} sends ${hook.events.join(', ') || 'its events'} over ${scheme || 'an unknown scheme'}, not HTTPS.`,
        evidence,
      );
    });
  },
});

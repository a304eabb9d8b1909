import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import {
  hostMatches,
  hostName,
  isRawAddress,
  judgeActiveWebhooks,
  WEBHOOK_DOCS,
  WEBHOOK_RULE,
} from './webhooks.ts';

/** Request-capture and tunnelling services: a webhook to one sends code events to whoever holds the URL. */
const CAPTURE_SERVICES = [
  'webhook.site',
  '*.webhook.site',
  'requestbin.com',
  '*.requestbin.com',
  '*.requestcatcher.com',
  '*.pipedream.net',
  'beeceptor.com',
  '*.beeceptor.com',
  'hookbin.com',
  '*.ngrok.io',
  '*.ngrok-free.app',
  '*.ngrok.app',
  '*.trycloudflare.com',
  '*.loca.lt',
  'serveo.net',
  '*.serveo.net',
  '*.localtunnel.me',
];

export const rule = defineRule({
  id: 'bb_webhook_hosts_approved',
  title: 'Webhooks send data only to approved hosts, never to capture or tunnel services or raw IP addresses',
  severity: 'medium',
  ...WEBHOOK_RULE,
  description:
    'Reads the host of every active workspace and repository webhook. Fails a webhook that sends to a raw IP ' +
    'address, to localhost, or to a request-capture or tunnelling service (`suspiciousHosts`: webhook.site, ' +
    'ngrok, Pipedream…). When the `approvedHosts` setting lists the receivers the organization runs or ' +
    'contracts (`ci.example.com`, `*.example.com`), every other host fails too. Hosts are matched without ' +
    'their port.',
  risk:
    'Webhooks push commit messages, branch names, diffs’ metadata and pull request text to their receiver as ' +
    'soon as they happen. One added by an attacker, or left pointing at a test service, streams that data to ' +
    'whoever controls the host.',
  remediation: {
    ui: [
      'In Bitbucket, open Repository settings → Webhooks (or Workspace settings → Webhooks).',
      'Check each webhook named in the findings with its owner; delete the ones nobody recognises.',
      'Add the hosts you do run or contract to this rule’s approvedHosts setting.',
    ],
    api: [
      'DELETE https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/hooks/{uid} ' +
        '(workspace webhooks: DELETE /2.0/workspaces/{workspace}/hooks/{uid}).',
    ],
  },
  references: WEBHOOK_DOCS,
  compliance: {
    'cis-controls-v8': ['3.3', '15.1'],
    'nist-800-53-r5': ['AC-21', 'SC-7'],
    'iso-27001-2022': ['A.5.14', 'A.8.12'],
    soc2: ['CC6.6', 'CC6.7'],
  },
  settings: z.object({
    approvedHosts: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Receivers webhooks may send to (`ci.example.com`, `*.example.com`); empty: any host but the suspicious ones.',
      ),
    suspiciousHosts: z
      .array(z.string().min(1))
      .default(CAPTURE_SERVICES)
      .describe('Request-capture and tunnelling services no webhook should send to.'),
  }),
  evaluate(ctx) {
    const { approvedHosts, suspiciousHosts } = ctx.settings;
    return judgeActiveWebhooks(ctx, (hook, resource, evidence) => {
      const host = hostName(hook.urlHost);
      if (isRawAddress(host))
        return fail(
          resource,
          `The webhook to ${resource.name} sends to a raw address, not a named host.`,
          evidence,
        );
      if (suspiciousHosts.some((p) => hostMatches(host, p)))
        return fail(
          resource,
          `The webhook to ${resource.name} sends to a request-capture or tunnelling service.`,
          evidence,
        );
      if (approvedHosts.length === 0)
        return pass(resource, `The webhook to ${resource.name} sends to a named host.`, evidence);
      if (approvedHosts.some((p) => hostMatches(host, p)))
        return pass(resource, `The webhook to ${resource.name} sends to an approved host.`, evidence);
      return fail(
        resource,
        `The webhook to ${resource.name} sends to a host not on the approved list.`,
        evidence,
      );
    });
  },
});

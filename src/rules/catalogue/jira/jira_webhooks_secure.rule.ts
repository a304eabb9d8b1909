import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass } from '../../outcome.ts';

const approved = (host: string, domains: readonly string[]) =>
  domains.some((d) => {
    const domain = d.trim().toLowerCase().replace(/^\*\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });

export const rule = defineRule({
  id: 'jira_webhooks_secure',
  title: 'Admin webhooks deliver over HTTPS to approved domains, with a secret',
  area: 'jira',
  severity: 'medium',
  scope: 'site',
  resourceType: 'webhook',
  requires: ['attested.jira-webhooks'],
  plan: 'any',
  credential: 'none',
  description:
    'Attestation: Palisade does not read admin webhooks (the v3 `GET /rest/api/3/webhook` lists only the ' +
    'calling app’s own, and the admin `/rest/webhooks/1.0/webhook` endpoint is not in its API catalogue), so ' +
    'a site admin records each webhook on the WebHooks page. Each enabled webhook fails when its URL is not ' +
    'HTTPS, when no secret is set (deliveries cannot be verified), or when its host is outside the approved ' +
    'domains (checked only once the organization lists them).',
  risk:
    'A webhook streams issue data to its URL on every event: over plain HTTP it can be read in transit, to ' +
    'an unknown host it is a standing exfiltration channel, and without a secret the receiver cannot tell ' +
    'Jira’s deliveries from forged ones.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → WebHooks.',
      'Delete webhooks nobody owns; edit the others to use an https:// URL on an approved domain.',
      'Set a Secret on each webhook and verify the X-Hub-Signature header at the receiver, then re-attest.',
    ],
    api: [
      'List admin webhooks: GET /rest/webhooks/1.0/webhook.',
      'Delete one: DELETE /rest/webhooks/1.0/webhook/{id}; change one: PUT /rest/webhooks/1.0/webhook/{id}.',
    ],
  },
  references: [
    {
      title: 'Jira Cloud webhooks',
      url: 'https://developer.atlassian.com/cloud/jira/platform/webhooks/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.10'],
    'nist-800-53-r5': ['SC-8', 'SC-7'],
    'iso-27001-2022': ['A.5.14'],
    soc2: ['CC6.7'],
  },
  settings: z.object({
    approvedDomains: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Domains webhooks may deliver to (subdomains included). Empty: the domain is not judged, only HTTPS and the secret.',
      ),
  }),
  evaluate(ctx) {
    const domains = ctx.settings.approvedDomains;
    return ctx.attested('attested.jira-webhooks').value.webhooks.map((w) => {
      const resource = { id: w.name, name: w.name };
      const url = new URL(w.url);
      const host = url.hostname.toLowerCase();
      const evidence = {
        host,
        https: url.protocol === 'https:',
        secretConfigured: w.secretConfigured,
        domainApproved: domains.length > 0 ? approved(host, domains) : null,
      };
      if (!w.enabled) return notApplicable(resource, `${w.name} is disabled: it delivers nothing.`, evidence);
      const problems = [
        ...(evidence.https ? [] : [`delivers over ${url.protocol.replace(':', '')}, not HTTPS`]),
        ...(evidence.domainApproved === false
          ? [`delivers to ${host}, which is not an approved domain`]
          : []),
        ...(w.secretConfigured ? [] : ['has no secret, so deliveries cannot be verified']),
      ];
      if (problems.length > 0) return fail(resource, `${w.name} ${problems.join('; ')}.`, evidence);
      const domainNote = evidence.domainApproved === null ? ' (no approved domains configured)' : '';
      return pass(
        resource,
        `${w.name} delivers over HTTPS to ${host}${domainNote}, with a secret.`,
        evidence,
      );
    });
  },
});

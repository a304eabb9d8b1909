import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { notApplicable, type RuleOutcome, type RuleResource } from '../../outcome.ts';
import type { Evidence } from '../../result.ts';
import type { RuleContext } from '../../rule.ts';

// How the webhook rules name a webhook: the host it sends to and where it is defined. The dataset
// keeps only the URL's scheme and host (paths and queries carry tokens), so results never hold more.
// What the webhook rules declare alike, and their one result per webhook, live here too.

/** The scope, resource and dataset of every webhook rule. */
export const WEBHOOK_RULE = {
  area: 'bitbucket',
  scope: 'site',
  resourceType: 'webhook',
  requires: ['bitbucket.webhooks'],
  plan: 'any',
  credential: 'site-admin',
} as const;

export const WEBHOOK_DOCS = [
  { title: 'Manage webhooks', url: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/' },
  {
    title: 'Bitbucket Cloud REST API: webhooks',
    url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-webhooks/',
  },
];

export type Webhook = DatasetRecord<'bitbucket.webhooks'>;

export function webhookResource(hook: Webhook): RuleResource {
  const where = hook.level === 'workspace' ? 'workspace' : (hook.repository ?? 'repository');
  return { type: 'webhook', id: hook.uuid, name: `${hook.urlHost} (${where})` };
}

export function webhookEvidence(hook: Webhook) {
  return {
    level: hook.level,
    repository: hook.repository,
    scheme: hook.urlScheme,
    host: hook.urlHost,
    active: hook.active,
    events: hook.events,
  };
}

/** The host without its port: `hooks.example.com:8443` → `hooks.example.com`; IPv6 brackets kept. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon > 0 ? h.slice(0, colon) : h;
}

/** `example.com` matches itself; `*.example.com` matches its sub-domains (not itself). */
export function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p.startsWith('*.')) return host.endsWith(p.slice(1));
  return host === p;
}

/** An IP address (IPv6 is bracketed in URLs) or localhost rather than a named host. */
export function isRawAddress(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host === 'localhost';
}

/**
 * One result per workspace or repository webhook: an inactive one sends nothing and is not
 * applicable; `judge` decides each active one. `evidence` is the webhook's own (`webhookEvidence`)
 * with what the rule adds.
 */
export function judgeActiveWebhooks(
  ctx: Pick<RuleContext<'bitbucket.webhooks'>, 'items'>,
  judge: (hook: Webhook, resource: RuleResource, evidence: Evidence) => RuleOutcome,
  extraEvidence: (hook: Webhook) => Evidence = () => ({}),
): RuleOutcome[] {
  return ctx.items('bitbucket.webhooks').map((hook) => {
    const resource = webhookResource(hook);
    const evidence = { ...webhookEvidence(hook), ...extraEvidence(hook) };
    if (!hook.active)
      return notApplicable(resource, `The webhook to ${resource.name} is inactive.`, evidence);
    return judge(hook, resource, evidence);
  });
}

import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome } from '../../outcome.ts';
import { workspaceResource } from './workspace.ts';

/**
 * Bitbucket Cloud scopes that change or administer something: `*:write`, `*:admin`, `*:delete`,
 * and the two that carry secrets or send data out (`pipeline:variable`, `webhook`).
 * https://developer.atlassian.com/cloud/bitbucket/rest/intro/#bitbucket-oauth-2-0-scopes
 */
function isWriteScope(scope: string): boolean {
  const s = scope.trim().toLowerCase();
  return /:(write|admin|delete)\b/.test(s) || s === 'pipeline:variable' || s === 'webhook' || s === 'admin';
}

export const rule = defineRule({
  id: 'bb_integrations_least_privilege',
  title: 'No app or OAuth consumer holds write or admin scopes on the workspace unless approved',
  area: 'bitbucket',
  severity: 'high',
  scope: 'site',
  resourceType: 'app',
  requires: ['attested.bitbucket-integrations'],
  plan: 'any',
  credential: 'none',
  description:
    'The Bitbucket API does not list a workspace’s installed apps or OAuth consumers, so a workspace admin ' +
    'attests them with their scopes. Fails each one holding a scope that writes, administers or deletes ' +
    '(`repository:write`, `repository:admin`, `pullrequest:write`, `project:admin`, `account:write`…) or that ' +
    'reaches secrets or sends data out (`pipeline:variable`, `webhook`), unless its name is in the ' +
    '`approvedIntegrations` setting.',
  risk:
    'An integration with write or admin scopes can push code, change branch restrictions, read Pipelines ' +
    'secrets or add webhooks in the name of the workspace. A compromised vendor, or a leaked consumer secret, ' +
    'becomes a supply-chain attack on everything built from these repositories.',
  remediation: {
    ui: [
      'In Bitbucket, open Workspace settings → Apps and features → Installed apps, then → OAuth consumers.',
      'Remove the apps and consumers nobody needs; for the others, re-create the consumer with read scopes only, or ask the vendor whether a read-only mode exists.',
      'Add the integrations that must write, once reviewed, to this rule’s approvedIntegrations setting; then re-attest in Palisade.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Use OAuth on Bitbucket Cloud',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/use-oauth-on-bitbucket-cloud/',
    },
    {
      title: 'Bitbucket Cloud REST API: OAuth 2.0 scopes',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/intro/#bitbucket-oauth-2-0-scopes',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.5', '6.8', '15.1'],
    'nist-800-53-r5': ['AC-6', 'CM-7', 'SA-9'],
    'iso-27001-2022': ['A.5.19', 'A.8.2'],
    soc2: ['CC6.3', 'CC9.2'],
  },
  settings: z.object({
    approvedIntegrations: z
      .array(z.string().min(1))
      .default([])
      .describe('Apps and OAuth consumers (by name) reviewed and allowed to hold write or admin scopes.'),
  }),
  evaluate(ctx) {
    const approved = new Set(ctx.settings.approvedIntegrations.map((n) => n.trim().toLowerCase()));
    const { value } = ctx.attested('attested.bitbucket-integrations');
    const outcomes = value.integrations.map((i): RuleOutcome => {
      const kind = i.kind === 'app' ? 'App' : 'OAuth consumer';
      const resource = { type: i.kind, id: `${i.kind}:${i.name}`, name: i.name } as const;
      const writes = i.scopes.filter(isWriteScope);
      const evidence = { kind: i.kind, scopes: i.scopes, writeScopes: writes };
      if (writes.length === 0) return pass(resource, `${kind} ${i.name} holds read scopes only.`, evidence);
      if (approved.has(i.name.trim().toLowerCase()))
        return pass(
          resource,
          `${kind} ${i.name} holds ${writes.join(', ')}, approved in the rule’s settings.`,
          evidence,
        );
      return fail(
        resource,
        `${kind} ${i.name} holds ${writes.join(', ')}: it can change the workspace’s code or settings.`,
        evidence,
      );
    });
    if (outcomes.length > 0) return outcomes;
    return [pass(workspaceResource(ctx.site), 'The workspace has no installed app or OAuth consumer.')];
  },
});

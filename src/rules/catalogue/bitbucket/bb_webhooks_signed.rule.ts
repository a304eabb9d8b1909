import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { judgeActiveWebhooks, WEBHOOK_DOCS, WEBHOOK_RULE } from './webhooks.ts';

export const rule = defineRule({
  id: 'bb_webhooks_signed',
  title: 'Every active webhook has a secret, so its receiver can verify deliveries',
  severity: 'low',
  ...WEBHOOK_RULE,
  description:
    'Reads every active workspace and repository webhook and fails each one without a secret (`secret_set` ' +
    'false): Bitbucket signs a delivery (`X-Hub-Signature`) only when the webhook has one. The secret itself is ' +
    'never read. A webhook whose flag Bitbucket did not send is unknown.',
  risk:
    'A receiver that cannot check signatures accepts any request that looks like a Bitbucket event: anyone who ' +
    'learns its URL can trigger builds or deployments with forged pushes.',
  remediation: {
    ui: [
      'In Bitbucket, open Repository settings → Webhooks (or Workspace settings → Webhooks) and edit the webhook.',
      'Generate or enter a Secret, save, and configure the receiver to verify the X-Hub-Signature header.',
    ],
    api: [
      'PUT https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/hooks/{uid} with {"secret": "<random secret>"}.',
    ],
  },
  references: WEBHOOK_DOCS,
  compliance: {
    'nist-800-53-r5': ['SC-8', 'IA-5'],
    'iso-27001-2022': ['A.5.14'],
    soc2: ['CC6.7'],
  },
  evaluate(ctx) {
    return judgeActiveWebhooks(
      ctx,
      (hook, resource, evidence) => {
        if (hook.signed === null)
          return unknown(
            resource,
            `Bitbucket did not say whether the webhook to ${resource.name} has a secret.`,
            evidence,
          );
        if (!hook.signed)
          return fail(
            resource,
            `The webhook to ${resource.name} has no secret: its deliveries are unsigned.`,
            evidence,
          );
        return pass(resource, `The webhook to ${resource.name} signs its deliveries.`, evidence);
      },
      (hook) => ({ signed: hook.signed }),
    );
  },
});

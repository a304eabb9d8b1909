import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';
import { judgeActiveWebhooks, WEBHOOK_DOCS, WEBHOOK_RULE } from './webhooks.ts';

export const rule = defineRule({
  id: 'bb_webhook_ssl_verified',
  title: 'No webhook skips TLS certificate verification',
  severity: 'medium',
  ...WEBHOOK_RULE,
  description:
    'Reads every active workspace and repository webhook and fails each one with `skip_cert_verification` on: ' +
    'Bitbucket then delivers to the host whatever certificate it shows. Plain-HTTP webhooks are left to ' +
    'bb_webhooks_https; a webhook whose flag Bitbucket did not send is unknown.',
  risk:
    'Without certificate verification, anyone who can intercept or redirect the traffic (DNS, a proxy, a ' +
    'compromised network) receives the deliveries while Bitbucket believes it is talking to the real receiver.',
  remediation: {
    ui: [
      'In Bitbucket, open Repository settings → Webhooks (or Workspace settings → Webhooks) and edit the webhook.',
      'Clear "Skip certificate verification" and save; give the receiver a certificate from a public CA if it fails.',
    ],
    api: [
      'PUT https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/hooks/{uid} with {"skip_cert_verification": false}.',
    ],
  },
  references: WEBHOOK_DOCS,
  compliance: {
    'cis-controls-v8': ['3.10'],
    'nist-800-53-r5': ['SC-8'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.7'],
  },
  evaluate(ctx) {
    return judgeActiveWebhooks(
      ctx,
      (hook, resource, evidence) => {
        if (hook.urlScheme.trim().toLowerCase() !== 'https')
          return notApplicable(
            resource,
            `The webhook to ${resource.name} does not use HTTPS at all.`,
            evidence,
          );
        if (hook.skipCertVerification === null)
          return unknown(
            resource,
            `Bitbucket did not say whether the webhook to ${resource.name} verifies certificates.`,
            evidence,
          );
        if (hook.skipCertVerification)
          return fail(
            resource,
            `The webhook to ${resource.name} skips TLS certificate verification.`,
            evidence,
          );
        return pass(
          resource,
          `The webhook to ${resource.name} verifies the receiver’s certificate.`,
          evidence,
        );
      },
      (hook) => ({ skipCertVerification: hook.skipCertVerification }),
    );
  },
});

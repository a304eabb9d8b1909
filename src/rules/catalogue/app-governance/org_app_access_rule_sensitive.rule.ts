import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail } from '../../outcome.ts';
import { judgeControl } from '../data-protection/data-security-control.ts';

export const rule = defineRule({
  id: 'org_app_access_rule_sensitive',
  title:
    'A data security policy’s app access rule (block all, or an allowlist) covers the sensitive spaces and projects',
  area: 'app-governance',
  severity: 'high',
  scope: 'org',
  resourceType: 'org',
  requires: ['attested.data-security-policies'],
  plan: 'any',
  credential: 'none',
  description:
    'Attestation: no public API reads data security policies (the Admin Control read endpoint is ' +
    'deprecated; the Jira and Confluence data-policy endpoints only show an effect and are not collected), ' +
    'so an org admin attests where the Marketplace and custom app access control blocks and in which mode. ' +
    'Passes when it blocks all apps or uses an allowlist, everywhere or for every sensitive space, project ' +
    'or classification level named in the settings; a blocklist lets every new app in and fails unless ' +
    'accepted in the settings.',
  risk:
    'Installed apps read what their scopes allow across every space and project; without an app access ' +
    'rule a compromised or over-privileged app is a supply-chain path into the most sensitive content.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Data security policies.',
      'Set the app access control to Blocked (any plan) or to an allowlist of at most 20 vetted apps (Atlassian Guard) for the sensitive spaces and projects.',
      'Record the new coverage in Palisade’s attestation of data security policies.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Block app access',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/block-app-access/',
    },
    {
      title: 'What is a data security policy?',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/what-is-a-data-security-policy/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '2.5'],
    'nist-800-53-r5': ['AC-3', 'AC-6', 'SA-9'],
    'iso-27001-2022': ['A.8.3', 'A.5.23'],
    soc2: ['CC6.1', 'CC9.2'],
  },
  settings: z.object({
    sensitiveData: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Spaces, projects, apps or classification levels (as named in the policy) that must be covered.',
      ),
    acceptBlocklist: z
      .boolean()
      .default(false)
      .describe(
        'Accept a blocklist (apps not on it keep access); off by default since new apps get in unvetted.',
      ),
  }),
  evaluate(ctx) {
    const { appAccess } = ctx.attested('attested.data-security-policies').value;
    const org = { id: ctx.org.id, name: ctx.org.name };
    const outcome = judgeControl(org, appAccess, 'App access to data', ctx.settings.sensitiveData);
    if (outcome.status === 'pass' && appAccess?.mode === 'blocklist' && !ctx.settings.acceptBlocklist) {
      return [
        fail(
          org,
          `The app access rule is a blocklist of ${appAccess.listedApps ?? 'some'} app(s): every app not on it, including the next one installed, keeps access.`,
          { ...outcome.evidence, mode: 'blocklist' },
        ),
      ];
    }
    return [outcome];
  },
});

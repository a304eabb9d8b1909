import { defineDataSecurityRule } from './data-security-control.ts';

export const rule = defineDataSecurityRule({
  id: 'org_dsp_block_anonymous',
  title: 'A data security policy blocks anonymous access to all or the sensitive Jira and Confluence data',
  severity: 'high',
  description:
    'Attestation: the Admin Control read endpoint for data security policies is deprecated and no other ' +
    'public API reads them, so an org admin attests where the anonymous access control blocks. Passes when ' +
    'it blocks everywhere (with no override for sensitive data), or covers every sensitive product, space, ' +
    'project or classification level named in the settings.',
  risk:
    'Without the guardrail, one space or project admin who opens anonymous access publishes that content to ' +
    'the internet; the policy keeps it behind a login whatever the product permissions say.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Data security policies.',
      'Set the anonymous access control to Blocked for all apps, or add the rule to a policy covering the sensitive spaces and projects, and activate it.',
      'Record the new coverage in Palisade’s attestation of data security policies.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Prevent anonymous access',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/prevent-anonymous-access/',
    },
    {
      title: 'What is a data security policy?',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/what-is-a-data-security-policy/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-14', 'AC-22'],
    'iso-27001-2022': ['A.8.3', 'A.8.12'],
    soc2: ['CC6.1'],
  },
  control: 'anonymousAccess',
  label: 'Anonymous access',
  sensitiveData: 'Products, spaces, projects or classification levels',
});

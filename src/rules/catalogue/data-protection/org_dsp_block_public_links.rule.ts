import { defineDataSecurityRule } from './data-security-control.ts';

export const rule = defineDataSecurityRule({
  id: 'org_dsp_block_public_links',
  title: 'A data security policy blocks Confluence public links for sensitive spaces',
  severity: 'medium',
  description:
    'Attestation: no public API reads data security policies (the Admin Control read endpoint is ' +
    'deprecated), so an org admin attests where the public links control blocks. Passes when it blocks ' +
    'everywhere (with no override for sensitive data), or covers every sensitive Confluence app, space or ' +
    'classification level named in the settings.',
  risk:
    'Without the policy any reader can publish an internal page with one click, and Confluence admins can ' +
    're-allow public links in Global or Space permissions; the policy turns existing links off and locks the setting.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Data security policies.',
      'Set the public links control to Blocked, or add the rule to a policy covering the sensitive spaces, and activate it.',
      'Record the new coverage in Palisade’s attestation of data security policies.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Prevent public links',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/prevent-public-links/',
    },
    {
      title: 'Create a data security policy',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/create-a-data-security-policy/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-21', 'AC-22'],
    'iso-27001-2022': ['A.5.14', 'A.8.12'],
    soc2: ['CC6.7'],
  },
  control: 'publicLinks',
  label: 'Creating public links',
  sensitiveData: 'Confluence apps, spaces or classification levels',
});

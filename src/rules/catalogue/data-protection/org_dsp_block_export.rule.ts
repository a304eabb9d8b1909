import { defineDataSecurityRule } from './data-security-control.ts';

export const rule = defineDataSecurityRule({
  id: 'org_dsp_block_export',
  title: 'A data security policy blocks export of classified or sensitive content',
  severity: 'medium',
  description:
    'Attestation: no public API reads data security policies (the Admin Control read endpoint is ' +
    'deprecated), so an org admin attests where the data export control blocks. Passes when it blocks ' +
    'everywhere (with no override for sensitive data), or covers every sensitive space, project or ' +
    'classification level named in the settings.',
  risk:
    'Page, space and issue exports (PDF, Word, XML, CSV) move whole bodies of content out of Atlassian in ' +
    'one step, beyond the reach of permissions, audit and deletion.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Data security policies.',
      'Set the data export control to Blocked, or add the rule to a policy covering the classified or sensitive spaces and projects, and activate it.',
      'Record the new coverage in Palisade’s attestation of data security policies.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Prevent data export',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/prevent-data-export/',
    },
    {
      title: 'What is a data security policy?',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/what-is-a-data-security-policy/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '3.12'],
    'nist-800-53-r5': ['AC-21', 'AC-3'],
    'iso-27001-2022': ['A.8.12', 'A.5.12'],
    soc2: ['CC6.7'],
  },
  control: 'export',
  label: 'Export',
  sensitiveData: 'Spaces, projects or classification levels',
});

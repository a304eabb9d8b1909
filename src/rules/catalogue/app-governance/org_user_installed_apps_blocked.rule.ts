import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_user_installed_apps_blocked',
  title: 'Users cannot install or consent to apps themselves ("Block user apps" is on)',
  area: 'app-governance',
  severity: 'high',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.connected-apps-settings'],
  plan: 'any',
  credential: 'none',
  description:
    'Attestation: no public API reads the connected-apps settings, so an admin attests, for each site, ' +
    'whether "Block user apps" is on (admin.atlassian.com → Apps → Sites → Connected apps → Settings). By ' +
    'default user-installed apps are allowed, and this fails.',
  risk:
    'A user who consents to an app grants it access to data without any admin vetting — the consent-phishing ' +
    'route by which malicious or over-privileged apps reach Jira and Confluence content.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Apps → Sites, select the site, then Connected apps → Settings.',
      'Select Block user apps and save; install approved apps centrally instead.',
      'Record the setting in Palisade’s attestation of connected-apps settings for the site.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Install and manage app access',
      url: 'https://support.atlassian.com/organization-administration/docs/installing-and-managing-app-access/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.5', '2.3'],
    'nist-800-53-r5': ['CM-11', 'CM-10', 'CM-7'],
    'iso-27001-2022': ['A.8.19'],
    soc2: ['CC6.8'],
  },
  evaluate(ctx) {
    const site = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const { blockUserApps } = ctx.attested('attested.connected-apps-settings').value;
    if (blockUserApps === undefined) {
      return [unknown(site, 'The attestation does not record whether user-installed apps are blocked.')];
    }
    const evidence = { blockUserApps };
    if (blockUserApps) return [pass(site, 'Only admins can install apps on this site.', evidence)];
    return [fail(site, 'Users can install and consent to apps on this site without an admin.', evidence)];
  },
});

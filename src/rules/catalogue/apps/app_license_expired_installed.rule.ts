import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_license_expired_installed',
  title: 'No app stays installed after its licence or evaluation expired',
  area: 'apps',
  severity: 'low',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, reads its licence: UPM’s per-app page (`GET /rest/plugins/1.0/{key}-key`, ' +
    'licenseDetails) for apps that use licensing, or the GraphQL gateway’s licence of a Forge installation (an ' +
    'app that needs no licence passes). Fails when the licence or evaluation expired; unknown when neither ' +
    'source could be read.',
  risk: 'An app whose licence lapsed is orphaned: nobody pays for it, often nobody owns it, yet it keeps its access.',
  remediation: {
    ui: ['Renew the licence if the app is needed, or uninstall it (Apps → Manage apps).'],
    api: ['DELETE /rest/plugins/1.0/{appKey}-key (UPM) uninstalls a Connect app.'],
  },
  references: [
    {
      title: 'Manage app licenses',
      url: 'https://support.atlassian.com/organization-administration/docs/manage-app-licenses/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.1', '2.3'],
    'nist-800-53-r5': ['CM-8', 'CM-10'],
    'iso-27001-2022': ['A.5.9', 'A.8.19'],
    soc2: ['CC8.1'],
  },
  check(i, { resource }) {
    const evidence = { license: i.license.state, type: i.license.type, source: i.license.source };
    switch (i.license.state) {
      case 'expired':
        return fail(
          resource,
          `${i.name} is installed, but its licence${i.license.type ? ` (${i.license.type})` : ''} expired.`,
          evidence,
        );
      case 'unknown':
        return unknown(resource, `The licence state of ${i.name} is unknown.`, evidence);
      case 'none':
        return pass(resource, `${i.name} needs no licence.`, evidence);
      default:
        return pass(resource, `${i.name} has a current ${i.license.state} licence.`, evidence);
    }
  },
});

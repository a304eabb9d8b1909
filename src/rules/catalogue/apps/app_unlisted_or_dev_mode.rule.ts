import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_unlisted_or_dev_mode',
  title: 'Every app comes from the Marketplace (no private, development-mode or unknown app)',
  area: 'apps',
  severity: 'high',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, fails when the GraphQL gateway reports a Forge development or staging environment ' +
    '(development mode) or the Marketplace has no listing for its key (private or unknown app); passes when it ' +
    'is listed. Unknown when the Marketplace was not read for it.',
  risk:
    'An unlisted app skipped the Marketplace’s security requirements and review: unreviewed code with access ' +
    'to the organization’s data.',
  remediation: {
    ui: [
      'Find the app’s owner (the installer) and the reason it is installed; record a justification in Palisade.',
      'Uninstall it where nobody can justify it, and turn development mode off outside sandbox sites.',
    ],
    api: [
      'DELETE /rest/plugins/1.0/{appKey}-key (UPM) uninstalls a Connect app; Forge apps only in the admin UI.',
    ],
  },
  references: [
    {
      title: 'Install and manage app access',
      url: 'https://support.atlassian.com/organization-administration/docs/installing-and-managing-app-access/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.5', '2.3'],
    'nist-800-53-r5': ['CM-11', 'SR-3'],
    'iso-27001-2022': ['A.8.19', 'A.5.21'],
    soc2: ['CC8.1', 'CC9.2'],
  },
  check(i, { resource }) {
    const evidence = {
      distribution: i.distribution,
      environmentType: i.environmentType,
      vendor: i.vendorName,
    };
    switch (i.distribution) {
      case 'development':
        return fail(
          resource,
          `${i.name} is installed in development mode (${i.environmentType} environment).`,
          evidence,
        );
      case 'unlisted':
        return fail(
          resource,
          `${i.name} is not listed on the Marketplace (private or unknown app).`,
          evidence,
        );
      case 'marketplace':
        return pass(resource, `${i.name} is listed on the Marketplace.`, evidence);
      default:
        return unknown(
          resource,
          `Whether ${i.name} is listed is unknown: ${i.marketplace.reason ?? 'no Marketplace answer'}.`,
          evidence,
        );
    }
  },
});

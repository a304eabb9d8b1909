import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_no_trust_signals',
  title: 'Every app’s vendor is in a security programme (bug bounty, Cloud Fortified) or is Atlassian',
  area: 'apps',
  severity: 'medium',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, reads its Marketplace listing (cached per installed version): passes when the ' +
    'vendor is Atlassian, runs a bug bounty, is in Cloud Fortified or is a Cloud Security Participant; fails ' +
    'when it is in none, or the app is not listed at all. A Marketplace outage or miss is unknown, never trusted.',
  risk:
    'Without a security programme there is less assurance that the vendor finds and fixes vulnerabilities, or ' +
    'tells customers about incidents.',
  remediation: {
    ui: [
      'Run a vendor security review: ask for the security questionnaire, certifications and incident process.',
      'Prefer apps whose vendor runs a bug bounty or is in Cloud Fortified.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Marketplace Bug Bounty programme',
      url: 'https://developer.atlassian.com/platform/marketplace/marketplace-bug-bounty-program/',
    },
    {
      title: 'Cloud Fortified apps',
      url: 'https://developer.atlassian.com/platform/marketplace/cloud-fortified-apps-program/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['15.1', '15.2'],
    'nist-800-53-r5': ['SR-3', 'SR-6', 'SA-9'],
    'iso-27001-2022': ['A.5.19', 'A.5.21'],
    soc2: ['CC9.2'],
  },
  check(i, { resource }) {
    const m = i.marketplace;
    if (i.distribution === 'development' || m.status === 'unlisted') {
      return fail(
        resource,
        `${i.name} is not listed on the Marketplace: no vendor programme vouches for it.`,
        {
          distribution: i.distribution,
          vendor: i.vendorName,
        },
      );
    }
    if (m.status !== 'listed') {
      return unknown(
        resource,
        `The trust signals of ${i.name} are unknown: ${m.reason ?? 'no Marketplace answer'}.`,
      );
    }
    const programmes = [
      ...(m.isAtlassian ? ['Atlassian'] : []),
      ...(m.bugBounty ? ['bug bounty'] : []),
      ...(m.cloudFortified ? ['Cloud Fortified'] : []),
      ...(m.cloudSecurityParticipant ? ['Cloud Security Participant'] : []),
    ];
    return programmes.length > 0
      ? pass(resource, `${i.name}: ${programmes.join(', ')}.`, { programmes })
      : fail(
          resource,
          `The vendor of ${i.name} (${i.vendorName ?? 'unknown'}) is in no security programme.`,
          {
            vendor: i.vendorName,
            topVendor: m.topVendor,
            installs: m.installs,
          },
        );
  },
});

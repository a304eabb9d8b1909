import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_data_egress',
  title: 'Apps keep data on Atlassian (no vendor-hosted Connect app, no Forge egress)',
  area: 'apps',
  severity: 'medium',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, reads its framework and, for Forge apps, the egress permissions of the installed ' +
    'version (GraphQL gateway). Fails for Connect apps (always hosted by the vendor) and Forge apps that may send ' +
    'data to non-Atlassian domains; passes for Forge apps without egress ("runs on Atlassian").',
  risk:
    'Data that leaves Atlassian is processed and stored under the vendor’s controls and jurisdiction: it escapes ' +
    'data residency, Atlassian’s encryption and deletion, and the organization’s audit trail.',
  remediation: {
    ui: [
      'Check the app’s Privacy & Security tab on the Marketplace for where data goes and its sub-processors.',
      'Prefer a "Runs on Atlassian" alternative; otherwise limit the app with an app access rule.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Runs on Atlassian',
      url: 'https://developer.atlassian.com/platform/forge/runs-on-atlassian/',
    },
    {
      title: 'Forge egress permissions',
      url: 'https://developer.atlassian.com/platform/forge/manifest-reference/permissions/#external-permissions',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.1', '15.1'],
    'nist-800-53-r5': ['SA-9', 'AC-20', 'SC-7'],
    'iso-27001-2022': ['A.5.19', 'A.5.23', 'A.5.14'],
    soc2: ['CC9.2', 'CC6.7'],
  },
  check(i, { resource }) {
    const privacy = i.marketplace.storesDataOutsideAtlassian;
    switch (i.egress.kind) {
      case 'vendor-hosted':
        return fail(
          resource,
          `${i.name} is a Connect app: it runs on the vendor’s servers and data leaves Atlassian.`,
          {
            framework: i.framework,
            storesDataOutsideAtlassian: privacy,
          },
        );
      case 'declared':
        return fail(resource, `${i.name} may send data to ${i.egress.domains.join(', ')}.`, {
          egress: i.egress.domains,
          wildcard: i.egress.wildcard,
          storesDataOutsideAtlassian: privacy,
        });
      case 'none':
        return pass(resource, `${i.name} runs on Atlassian: it declares no egress.`, { egress: [] });
      default:
        return unknown(
          resource,
          `Where ${i.name} sends data is unknown: no egress data for this ${i.framework} app.`,
        );
    }
  },
});

import { actAsUserScopes } from '../../../app-risk/model/scopes.ts';
import { defineAppRule, scopesEvidence, whyScopesUnreadable } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_act_as_user',
  title: 'No app can act on behalf of users (ACT_AS_USER)',
  area: 'apps',
  severity: 'high',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, reads its granted scopes (Marketplace listing of the installed Connect version, ' +
    'GraphQL gateway for Forge) and fails when it holds the Connect ACT_AS_USER scope. Unknown when the scopes ' +
    'are not readable.',
  risk:
    'ACT_AS_USER lets the app impersonate any user, even when they are offline: it acts with each user’s ' +
    'permissions at any time, so its reach is the union of everyone’s access.',
  remediation: {
    ui: [
      'Ask the vendor why the app needs to act as users and whether a version without ACT_AS_USER exists.',
      'Restrict the app with an app access rule, or uninstall it (Apps → Manage apps).',
      'Record the decision (sanctioned or risk-accepted with an expiry) in Palisade.',
    ],
    api: ['DELETE /rest/plugins/1.0/{appKey}-key (UPM) uninstalls the Connect app.'],
  },
  references: [
    {
      title: 'Scopes for Connect apps (ACT_AS_USER)',
      url: 'https://developer.atlassian.com/cloud/jira/platform/scopes-for-connect-apps/',
    },
    {
      title: 'User impersonation for Connect apps',
      url: 'https://developer.atlassian.com/cloud/jira/platform/user-impersonation-for-connect-apps/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.4', '6.8'],
    'nist-800-53-r5': ['AC-6', 'AC-3', 'SA-9'],
    'iso-27001-2022': ['A.8.2', 'A.5.19'],
    soc2: ['CC6.3', 'CC9.2'],
  },
  check(i, { resource }) {
    if (i.scopesSource === null) {
      return unknown(resource, `Whether ${i.name} can act as users is unknown: ${whyScopesUnreadable(i)}.`);
    }
    const scopes = actAsUserScopes(i.scopes);
    return scopes.length > 0
      ? fail(resource, `${i.name} can act as any user, even offline (ACT_AS_USER).`, {
          scopes,
          source: scopesEvidence(i),
          vendor: i.vendorName,
        })
      : pass(resource, `${i.name} cannot act as users.`, { source: scopesEvidence(i) });
  },
});

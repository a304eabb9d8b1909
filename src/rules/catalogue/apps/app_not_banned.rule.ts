import { defineAppRule } from '../../app-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { DATA_CENTER_UNINSTALL, MANAGE_APPS_DOC, UPM_DOC } from '../data-center/upm.ts';

// Reads Palisade's own state (the deny-list `palisade apps ban` keeps): the governance state, an
// engine input. A banned app found installed again is a finding of its own, in every report
// format, not only the alert the scan prints (src/app-risk/actions/enforce-bans.ts).

export const rule = defineAppRule({
  id: 'app_not_banned',
  title: 'No banned app is installed',
  area: 'apps',
  severity: 'critical',
  plan: 'any',
  credential: 'none',
  governance: true,
  dataCenter: true,
  description:
    'For each installed app — on a Data Center instance, each user-installed plugin UPM lists — looks it up ' +
    'on the organization’s deny-list (`palisade apps ban`). Fails when a banned app is installed: it came back ' +
    'after the ban (reinstalled by an admin, or consented to by a user). With write consent the scan uninstalls ' +
    'it again; the finding stays until a scan no longer sees it.',
  risk:
    'An app the organization decided to keep out (an unvetted vendor, a compromised app) has access to its ' +
    'data again.',
  remediation: {
    ui: [
      'Find out who installed the app again (the org audit log, Palisade’s alert).',
      'Uninstall it (palisade apps uninstall, or the admin UI), and block user-installed apps if a user added it.',
      DATA_CENTER_UNINSTALL.ui,
    ],
    api: [DATA_CENTER_UNINSTALL.api],
  },
  references: [
    {
      title: 'Manage your apps',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-your-apps/',
    },
    MANAGE_APPS_DOC,
    UPM_DOC,
  ],
  compliance: {
    'cis-controls-v8': ['2.3', '2.5'],
    'nist-800-53-r5': ['CM-7', 'CM-8'],
    'iso-27001-2022': ['A.8.19', 'A.5.22'],
    soc2: ['CC6.8', 'CC7.1'],
  },
  check(i, { resource, governance }) {
    const ban = governance.apps.get(i.appKey)?.ban;
    if (ban) {
      return fail(
        resource,
        `${i.name} is banned (${ban.reason}; by ${ban.bannedBy} on ${ban.bannedAt.slice(0, 10)}) but was found installed.`,
        { bannedBy: ban.bannedBy, bannedAt: ban.bannedAt, reason: ban.reason },
      );
    }
    return pass(resource, `${i.name} is not banned.`);
  },
});

import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_user_installed',
  title: 'Every app was installed by an admin',
  area: 'apps',
  severity: 'medium',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, reads UPM’s userInstalled flag and who installed it (the Jira, Confluence and ' +
    'org audit trails), then whether that person is an admin (org roles, site-admin and admin groups). Fails ' +
    'when a non-admin installed or consented to it; unknown when the installer or their roles are unknown.',
  risk: 'An app a user installed was never vetted by an admin; consent phishing gets apps in this way.',
  remediation: {
    ui: [
      'Review the app with its installer; keep it (classify it in Palisade) or uninstall it.',
      'Turn on "Block user apps" (admin.atlassian.com → Apps → Connected apps → Settings).',
    ],
    api: null,
  },
  references: [
    {
      title: 'Block users from installing apps',
      url: 'https://support.atlassian.com/organization-administration/docs/block-users-from-installing-apps/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.5', '4.8'],
    'nist-800-53-r5': ['CM-11', 'CM-7'],
    'iso-27001-2022': ['A.8.19'],
    soc2: ['CC8.1', 'CC6.8'],
  },
  check(i, { resource }) {
    const evidence = {
      userInstalledFlag: i.userInstalledFlag,
      installedBy: i.installer?.name ?? i.installer?.accountId ?? null,
      installerIsAdmin: i.installer?.isAdmin ?? null,
      installSource: i.installer?.source ?? null,
    };
    if (i.installKind === 'user') {
      const who = i.installer?.name ?? i.installer?.accountId;
      return fail(
        resource,
        who
          ? `${i.name} was installed by ${who}, who is not an admin.`
          : `${i.name} is user-installed (UPM).`,
        evidence,
      );
    }
    if (i.installKind === 'admin') {
      return pass(
        resource,
        `${i.name} was installed by an admin (${i.installer?.name ?? i.installer?.accountId}).`,
        evidence,
      );
    }
    return unknown(
      resource,
      i.installer
        ? `Whether ${i.installer.name ?? i.installer.accountId} (who installed ${i.name}) is an admin is unknown.`
        : `Who installed ${i.name} is unknown: no install record in the audit trails.`,
      evidence,
    );
  },
});

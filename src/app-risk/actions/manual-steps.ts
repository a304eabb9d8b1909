import type { Product } from './installed-apps.ts';

// What an admin does by hand where Atlassian offers no API: uninstalling a Forge app (the Forge
// CLI's `forge uninstall` works for the app's developer only; UPM answers 403 for Forge apps) and
// blocking user-installed apps (a setting of Connected apps with no public endpoint). Paths as
// Atlassian documents them for admin.atlassian.com:
// https://support.atlassian.com/organization-administration/docs/managing-an-installed-app/
// https://support.atlassian.com/organization-administration/docs/installing-and-managing-app-access/

export interface ManualSteps {
  /** Why Palisade cannot do it itself. */
  reason: string;
  steps: string[];
  /** Atlassian's documentation of the steps. */
  docs: string;
}

const MANAGE_DOCS =
  'https://support.atlassian.com/organization-administration/docs/managing-an-installed-app/';
const ACCESS_DOCS =
  'https://support.atlassian.com/organization-administration/docs/installing-and-managing-app-access/';

const host = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

function openConnectedApps(siteUrl: string): string[] {
  return [
    'Go to https://admin.atlassian.com and select your organization if you have more than one.',
    `Select Apps, then under Sites select ${host(siteUrl)}.`,
    'Select Connected apps.',
  ];
}

interface App {
  appName: string | null;
  appKey: string;
  product: Product;
}

const label = (app: App) => `${app.appName ?? app.appKey} (${app.appKey}, ${app.product})`;

export function forgeUninstallSteps(siteUrl: string, app: App): ManualSteps {
  return {
    reason:
      'Atlassian has no API to uninstall a Forge app: the Universal Plugin Manager refuses Forge apps (403) and ' +
      "`forge uninstall` works only for the app's own developer. A site or organization admin removes it in " +
      'Atlassian Administration.',
    steps: [
      ...openConnectedApps(siteUrl),
      `Find ${label(app)}, open its ••• menu and select View app details.`,
      'Select Uninstall and confirm. Atlassian first removes every user’s grant to the app, which can take a ' +
        'while on large sites; the app leaves the list when it is done.',
      'Sync the connection in Palisade to confirm the app is gone (a ban keeps reporting it until then).',
    ],
    docs: MANAGE_DOCS,
  };
}

export function forgeDisableSteps(siteUrl: string, app: App): ManualSteps {
  return {
    reason:
      'Atlassian has no API to disable a Forge app that the Universal Plugin Manager does not list. Uninstall it ' +
      "in Atlassian Administration, or block its access to content with a data security policy's app access rule.",
    steps: [
      ...openConnectedApps(siteUrl),
      `Find ${label(app)}, open its ••• menu and select View app details, then Uninstall.`,
      'To keep it installed but away from your data instead: Security > Data security policies > your policy > ' +
        'App access rule, and block the app.',
    ],
    docs: MANAGE_DOCS,
  };
}

export function blockUserInstalledAppsSteps(siteUrl: string): ManualSteps {
  return {
    reason:
      'Atlassian has no API for the user-installed apps setting: only an organization or site admin can change ' +
      'it in Atlassian Administration.',
    steps: [
      ...openConnectedApps(siteUrl),
      'Open the Settings tab and select Block user apps (user-installed apps are allowed by default), then save.',
      'This stops users granting OAuth 2.0 (3LO) apps access on their own; Jira and Confluence admins can still ' +
        'install Forge apps, which no setting restricts (https://jira.atlassian.com/browse/CLOUD-12942).',
      'Review the apps users already installed in Connected apps and uninstall the ones you do not want.',
    ],
    docs: ACCESS_DOCS,
  };
}

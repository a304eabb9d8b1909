import type { DcProduct } from './product.ts';

// How an administrator manages a Data Center instance's apps — the Universal Plugin Manager's
// "Manage apps" page and its REST API — for the remediation steps of every rule that judges them:
// the dc.plugins checks of this folder, and the app governance rules that also judge Data Center
// plugins (bans, classifications, accepted risks).

export const UPM_DOC = {
  title: 'Universal Plugin Manager REST API',
  url: 'https://developer.atlassian.com/platform/marketplace/upm-rest-api/',
};

const UPM_ABOUT = 'https://confluence.atlassian.com/upm/about-the-universal-plugin-manager-305759439.html';

/** The same UPM page documents both products. */
export const MANAGE_APPS_DOC = { title: 'About the Universal Plugin Manager', url: UPM_ABOUT };

export const MANAGE_APPS: Record<DcProduct['product'], { title: string; url: string }> = {
  'jira-data-center': { title: 'About the Universal Plugin Manager (Jira)', url: UPM_ABOUT },
  'confluence-data-center': { title: 'About the Universal Plugin Manager (Confluence)', url: UPM_ABOUT },
};

/** Where each product's UPM "Manage apps" page is. */
export const manageApps = (p: Pick<DcProduct, 'product'>) =>
  p.product === 'jira-data-center'
    ? 'In Jira, open Administration (cog) → Manage apps → Manage apps'
    : 'In Confluence, open Administration (cog) → Manage apps';

/** UPM's uninstall call (204 on success). */
export const UPM_UNINSTALL =
  'DELETE /rest/plugins/1.0/{appKey}-key (administrator, with the UPM token header)';

/** Uninstalling a plugin of a Jira or Confluence Data Center instance, in the admin UI and through UPM. */
export const DATA_CENTER_UNINSTALL = {
  ui: 'On a Data Center instance, open Administration (cog) → Manage apps → Manage apps in Jira (Administration (cog) → Manage apps in Confluence), filter on user-installed apps, expand the app and choose Uninstall.',
  api: `On a Data Center instance, uninstall through UPM: ${UPM_UNINSTALL}.`,
};

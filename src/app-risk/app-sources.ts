import type { SnapshotView } from '../rules/snapshot-view.ts';
import type { OrgAppSources, SiteAppSources } from './inventory.ts';
import { APP_OPTIONAL_DATASETS } from './rule-support.ts';

// The app datasets of a snapshot (the engine's SnapshotView, built from the store by
// src/rules/snapshot/build-snapshot-view.ts) as inventory sources. One read serves the inventory,
// the risk scores and the app rules, so they never disagree about what is installed.

/** Every dataset app governance reads. */
export const APP_DATASETS = ['apps.installations', ...APP_OPTIONAL_DATASETS] as const;
function usable(view: SnapshotView, name: string, scope: string): readonly never[] | undefined {
  const d = view.datasets.find((x) => x.name === name && x.scope === scope);
  // The same rule the engine applies to optional data: only a completely read dataset counts.
  return d && d.outcome.status === 'ok' ? (d.items as readonly never[]) : undefined;
}

/** The inventory sources a SnapshotView holds; installations of partially read sites are used too. */
export function appSourcesOf(view: SnapshotView): { sites: SiteAppSources[]; org: OrgAppSources } {
  const marketplace = view.datasets.find((d) => d.name === 'apps.marketplace' && d.scope === 'org');
  const sites = view.sites.map((s): SiteAppSources => {
    const installations = view.datasets.find((d) => d.name === 'apps.installations' && d.scope === s.cloudId);
    return {
      cloudId: s.cloudId,
      installations: (installations?.items ?? []) as SiteAppSources['installations'],
      upmJira: usable(view, 'apps.upm-jira', s.cloudId),
      upmConfluence: usable(view, 'apps.upm-confluence', s.cloudId),
      jiraUsers: usable(view, 'jira.users', s.cloudId),
      groupMembers: usable(view, 'jira.group-members', s.cloudId),
      groups: usable(view, 'jira.groups', s.cloudId),
      projectRoles: usable(view, 'jira.project-roles', s.cloudId),
      jiraAudit: usable(view, 'jira.audit', s.cloudId),
      confluenceAudit: usable(view, 'confluence.audit', s.cloudId),
    };
  });
  const reason =
    marketplace && marketplace.outcome.status !== 'ok'
      ? `the Marketplace could not be read in this sync (${marketplace.outcome.status}${'reason' in marketplace.outcome && marketplace.outcome.reason ? `: ${marketplace.outcome.reason}` : ''})`
      : 'the Marketplace data was not collected';
  return {
    sites,
    org: {
      marketplace: usable(view, 'apps.marketplace', 'org'),
      marketplaceReason: reason,
      orgUsers: usable(view, 'org.users', 'org'),
      orgEvents: usable(view, 'org.events', 'org'),
    },
  };
}

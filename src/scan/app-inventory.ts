import type { AppRecord } from '../app-risk/model/app.ts';
import {
  buildAppInventory,
  type DataCenterAppSources,
  type OrgAppSources,
  type SiteAppSources,
} from '../app-risk/model/inventory.ts';
import { isDataCenterProduct } from '../inventory/datasets/data-center.ts';
import type { SnapshotView } from '../rules/snapshot-view.ts';

// The organization's app inventory from the app datasets of the engine's SnapshotView: the view
// the rules read, so the governance state and the app rules never disagree about what is installed.

function usable(view: SnapshotView, name: string, scope: string): readonly never[] | undefined {
  const d = view.datasets.find((x) => x.name === name && x.scope === scope);
  // The same rule the engine applies to optional data: only a completely read dataset counts.
  return d && d.outcome.status === 'ok' ? (d.items as readonly never[]) : undefined;
}

/** A Data Center site's plugins: UPM's list, read completely or in part (a licence page failed). */
function dataCenterSourcesOf(view: SnapshotView): DataCenterAppSources[] {
  return view.sites.flatMap((s): DataCenterAppSources[] => {
    const d = view.datasets.find((x) => x.name === 'dc.plugins' && x.scope === s.cloudId);
    if (!d || (d.outcome.status !== 'ok' && d.outcome.status !== 'partial')) return [];
    return [{ cloudId: s.cloudId, name: s.name, plugins: d.items as DataCenterAppSources['plugins'] }];
  });
}

const isDataCenter = (s: SnapshotView['sites'][number]) => Object.keys(s.products).some(isDataCenterProduct);

/** The inventory sources a SnapshotView holds; installations of partially read sites are used too. */
function appSourcesOf(view: SnapshotView): { sites: SiteAppSources[]; org: OrgAppSources } {
  const marketplace = view.datasets.find((d) => d.name === 'apps.marketplace' && d.scope === 'org');
  const sites = view.sites
    .filter((s) => !isDataCenter(s))
    .map((s): SiteAppSources => {
      const installations = view.datasets.find(
        (d) => d.name === 'apps.installations' && d.scope === s.cloudId,
      );
      return {
        cloudId: s.cloudId,
        name: s.name,
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

/** One record per installed app across the view's sites: Cloud apps and Data Center plugins. */
export function appInventoryOf(view: SnapshotView): AppRecord[] {
  const { sites, org } = appSourcesOf(view);
  return buildAppInventory(sites, org, dataCenterSourcesOf(view));
}

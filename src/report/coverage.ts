import type { DatasetRecord } from '../rules/dataset-catalogue.ts';
import { orgSites, productList } from '../rules/site-coverage.ts';
import type { DatasetOutcome, DatasetView, SiteFacts } from '../rules/snapshot-view.ts';
import type { ReportCoverage } from './model.ts';

// What the scan could read: one entry per dataset and scope, from the outcome the sync run
// recorded (the SnapshotView carries it), plus the sites (and products) the org lists that the
// scan did not read at all (from `org.workspaces`, the same matching as org_all_sites_scanned).
// Gaps are what turns checks into `unknown`; an unread site has no checks to turn. Warnings (read,
// but not as documented) are shown beside the status and change nothing.

/** A dataset as coverage reads it: its items only matter for `org.workspaces`. */
export type CoverageDataset = Pick<DatasetView, 'name' | 'scope' | 'outcome'> & {
  items?: readonly unknown[];
};

export function coverageOf(
  datasets: readonly CoverageDataset[],
  siteUrl: (scope: string) => string | null,
  sites: readonly SiteFacts[] = [],
): ReportCoverage[] {
  return [
    ...datasets.map((d) => ({
      site: siteUrl(d.scope),
      dataset: d.name,
      status: d.outcome.status,
      reason: outcomeReason(d.outcome),
      ...(d.outcome.warnings && d.outcome.warnings.length > 0 ? { warnings: [...d.outcome.warnings] } : {}),
    })),
    ...unreadSites(datasets, sites),
  ].sort(compareCoverage);
}

/** By site (the organization first), then dataset and status. */
export function compareCoverage(a: ReportCoverage, b: ReportCoverage): number {
  return (
    (a.site ?? '').localeCompare(b.site ?? '') ||
    a.dataset.localeCompare(b.dataset) ||
    a.status.localeCompare(b.status)
  );
}

function outcomeReason(outcome: DatasetOutcome): string | null {
  switch (outcome.status) {
    case 'ok':
      return null;
    case 'forbidden': {
      const scope = outcome.missingScope ? `missing scope ${outcome.missingScope}` : null;
      if (outcome.reason && scope && !outcome.reason.includes(outcome.missingScope ?? '')) {
        return `${outcome.reason} (${scope})`;
      }
      return outcome.reason ?? scope ?? 'Palisade was not allowed to read it';
    }
    default:
      return outcome.reason;
  }
}

/** The org's sites and products the scan did not read, when the org's workspace list was read. */
function unreadSites(datasets: readonly CoverageDataset[], sites: readonly SiteFacts[]): ReportCoverage[] {
  const workspaces = datasets.find((d) => d.name === 'org.workspaces' && d.scope === 'org');
  if (!workspaces?.items || (workspaces.outcome.status !== 'ok' && workspaces.outcome.status !== 'partial')) {
    return [];
  }
  const urls = new Map(sites.map((s) => [s.cloudId.toLowerCase(), s.url]));
  const records = workspaces.items as readonly DatasetRecord<'org.workspaces'>[];
  return orgSites(records, sites).flatMap((site): ReportCoverage[] => {
    const kind = site.sandbox ? 'sandbox site' : 'site';
    if (!site.scanned) {
      return [
        {
          site: site.url ?? site.name,
          dataset: '*',
          status: 'not_collected',
          reason:
            `the organization lists this ${kind} (${productList(site.products)}, cloud id ${site.cloudId}) ` +
            'but the scan was not given it: nothing on it was read',
        },
      ];
    }
    return site.unread.map((product) => ({
      site: urls.get(site.cloudId) ?? site.url ?? site.name,
      dataset: `${product}.*`,
      status: 'not_collected',
      reason: `the organization lists ${productList([product])} on this ${kind}, but the scan did not read it`,
    }));
  });
}

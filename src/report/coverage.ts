import type { DatasetOutcome, DatasetView } from '../rules/snapshot-view.ts';
import type { ReportCoverage } from './model.ts';

// What the scan could read: one entry per dataset and scope, from the outcome the sync run
// recorded (the SnapshotView carries it). Gaps are what turns checks into `unknown`; warnings
// (read, but not as documented) are shown beside the status and change nothing.

export function coverageOf(
  datasets: readonly Pick<DatasetView, 'name' | 'scope' | 'outcome'>[],
  siteUrl: (scope: string) => string | null,
): ReportCoverage[] {
  return datasets
    .map(
      (d): ReportCoverage => ({
        site: siteUrl(d.scope),
        dataset: d.name,
        status: d.outcome.status,
        reason: outcomeReason(d.outcome),
        ...(d.outcome.warnings && d.outcome.warnings.length > 0 ? { warnings: [...d.outcome.warnings] } : {}),
      }),
    )
    .sort(
      (a, b) =>
        (a.site ?? '').localeCompare(b.site ?? '') ||
        a.dataset.localeCompare(b.dataset) ||
        a.status.localeCompare(b.status),
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

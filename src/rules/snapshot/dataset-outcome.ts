import type { DatasetOutcomeRecord } from '../../inventory/dataset-outcomes.ts';
import type { DatasetOutcome } from '../snapshot-view.ts';

// The sync run's per-dataset outcome as the engine reads it. A run that published its snapshot
// has finished every dataset; a row still pending or running (it should not happen) is treated
// as not collected rather than trusted.

export function toDatasetOutcome(record: DatasetOutcomeRecord): DatasetOutcome {
  const outcome = outcomeOf(record);
  return record.warnings.length > 0 ? { ...outcome, warnings: record.warnings } : outcome;
}

function outcomeOf(record: DatasetOutcomeRecord): DatasetOutcome {
  switch (record.status) {
    case 'ok':
      return { status: 'ok' };
    case 'partial':
      return { status: 'partial', reason: record.reason };
    case 'forbidden':
      return { status: 'forbidden', missingScope: record.missingScope, reason: record.reason };
    case 'failed':
      return { status: 'failed', reason: record.reason };
    case 'pending':
    case 'running':
      return { status: 'not_collected', reason: `the sync left it ${record.status}` };
  }
}

/** Items are only handed to rules for datasets read completely or in part. */
export function hasItems(outcome: DatasetOutcome): boolean {
  return outcome.status === 'ok' || outcome.status === 'partial';
}

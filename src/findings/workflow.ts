import type { FindingState } from './track-findings.ts';

// Findings worked like incidents: a status a team sets on top of the scan's own lifecycle.
// `open` → `in_progress` → `resolved` or `dismissed` (with a reason); the scan moves a finding it
// sees passing to `resolved` by itself, and one that was resolved (by the scan or by a person)
// and fails again to `regressed`. Pure: the store (store/workflow-sync.ts) applies what this says.

export const WORKFLOW_STATUSES = ['open', 'in_progress', 'resolved', 'dismissed', 'regressed'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** The statuses a person may set (`regressed` is the scan's word). */
export const SETTABLE_STATUSES = ['open', 'in_progress', 'resolved', 'dismissed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const DISMISSAL_REASONS = ['accepted_risk', 'false_positive', 'wont_fix'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

/** The longest an accepted risk may last before someone looks at it again. */
export const MAX_ACCEPTED_RISK_DAYS = 366;

export interface WorkflowState {
  status: WorkflowStatus;
  dismissalReason: DismissalReason | null;
  /** The scan's state of the finding after the evaluation that last updated it. */
  scanState: FindingState;
  /** The snapshot of that evaluation. */
  evaluatedVersion: number;
}

export interface ScanTransition {
  status: WorkflowStatus;
  dismissalReason: DismissalReason | null;
  /** The history note, e.g. "fixed, seen by scan 4". */
  note: string;
}

/**
 * What an evaluation of snapshot `version` does to a finding's workflow: null when the status
 * stays. `state` is the scan's state of the finding now; `exceptionId` the exception covering it.
 * Only a change the scan saw moves a status, so re-evaluating the same snapshot (`palisade
 * report`) never undoes what a person set; a person's `resolved` is checked by the next snapshot.
 */
export function scanTransition(
  before: WorkflowState,
  state: FindingState,
  version: number,
  exceptionId: string | undefined,
): ScanTransition | null {
  const newer = version > before.evaluatedVersion;
  if (state === 'resolved') {
    if (before.scanState === 'resolved' || before.status === 'resolved') return null;
    return { status: 'resolved', dismissalReason: null, note: `fixed, seen by scan ${version}` };
  }
  if (before.scanState === 'resolved') {
    return { status: 'regressed', dismissalReason: null, note: `failing again, seen by scan ${version}` };
  }
  if (before.status === 'resolved' && newer) {
    return { status: 'regressed', dismissalReason: null, note: `still failing, seen by scan ${version}` };
  }
  if (state === 'excepted' && before.scanState !== 'excepted' && before.status !== 'dismissed') {
    return {
      status: 'dismissed',
      dismissalReason: 'accepted_risk',
      note: `covered by exception${exceptionId ? ` ${exceptionId}` : ''}, seen by scan ${version}`,
    };
  }
  if (
    state === 'open' &&
    before.scanState === 'excepted' &&
    before.status === 'dismissed' &&
    before.dismissalReason === 'accepted_risk'
  ) {
    return {
      status: 'open',
      dismissalReason: null,
      note: `no exception covers it any more (expired or revoked), seen by scan ${version}`,
    };
  }
  return null;
}

/** A new finding's workflow: what the scan saw first. */
export function firstStatus(state: FindingState, version: number): ScanTransition {
  if (state === 'resolved')
    return { status: 'resolved', dismissalReason: null, note: `resolved in scan ${version}` };
  if (state === 'excepted') {
    return {
      status: 'dismissed',
      dismissalReason: 'accepted_risk',
      note: `found by scan ${version}, covered by an exception`,
    };
  }
  return { status: 'open', dismissalReason: null, note: `found by scan ${version}` };
}

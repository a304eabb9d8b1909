import type { AppClassificationState } from '../../db/schema-app-governance.ts';
import { AppRiskError } from './errors.ts';
import { type AppFingerprint, diffFingerprints, type FingerprintChange } from './fingerprint.ts';

// The governance state of an app (Zscaler / Netskope style) and how it moves. Pure: persistence
// is in repository.ts.
//
//   unreviewed ──person──► sanctioned | risk-accepted (until an expiry) | unsanctioned
//   sanctioned / risk-accepted ──scopes, egress or version changed──► re-review   (automatic)
//   risk-accepted ──expiry passed──► re-review                                    (automatic)
//   re-review ──person──► sanctioned | risk-accepted | unsanctioned
// A person may set any state at any time (with a justification where it matters); approving
// (sanctioned, risk-accepted) records the app's fingerprint, which later syncs compare against.

export type { AppClassificationState } from '../../db/schema-app-governance.ts';

export const CLASSIFICATION_STATES: readonly AppClassificationState[] = [
  'unreviewed',
  'sanctioned',
  'risk-accepted',
  'unsanctioned',
  're-review',
];

export type ReviewReason =
  | { kind: 'fingerprint-changed'; changes: FingerprintChange[]; at: string }
  | { kind: 'acceptance-expired'; expiredAt: string; at: string };

export interface AppClassification {
  connectionId: string;
  appKey: string;
  state: AppClassificationState;
  /** For `re-review`: the approval it came from. */
  previousState: AppClassificationState | null;
  /** `risk-accepted` only. */
  expiresAt: string | null;
  justification: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  approvedFingerprint: AppFingerprint | null;
  reviewReason: ReviewReason | null;
  firstSeenAt: string;
  updatedAt: string;
}

export interface Decision {
  state: AppClassificationState;
  justification?: string | null | undefined;
  /** Required for `risk-accepted`, refused otherwise. ISO time or Date. */
  expiresAt?: string | Date | null | undefined;
}

export interface DecisionContext {
  connectionId: string;
  appKey: string;
  actor: string;
  now: Date;
  /** The app's current fingerprint; required to approve (an approval is of what is installed now). */
  fingerprint: AppFingerprint | null;
}

/** The automatic step the reconciliation took, for the audit log. */
export type AutomaticChange =
  | { kind: 'discovered' }
  | { kind: 're-review'; reason: ReviewReason; from: AppClassificationState };

export function isApproved(state: AppClassificationState): boolean {
  return state === 'sanctioned' || state === 'risk-accepted';
}

/** An accepted risk that has not lapsed (the high-risk rule's exemption). */
export function riskAccepted(c: AppClassification | undefined, now: Date): boolean {
  return c?.state === 'risk-accepted' && c.expiresAt !== null && Date.parse(c.expiresAt) > now.getTime();
}

export function unreviewed(connectionId: string, appKey: string, now: Date): AppClassification {
  const at = now.toISOString();
  return {
    connectionId,
    appKey,
    state: 'unreviewed',
    previousState: null,
    expiresAt: null,
    justification: null,
    decidedBy: null,
    decidedAt: null,
    approvedFingerprint: null,
    reviewReason: null,
    firstSeenAt: at,
    updatedAt: at,
  };
}

/**
 * What a sync does to an app's classification: creates it (unreviewed) the first time the app is
 * seen, and sends an approved app back to review when its fingerprint changed or its acceptance
 * expired. `change` is null when nothing moved.
 */
export function reconcile(
  current: AppClassification | undefined,
  input: { connectionId: string; appKey: string; fingerprint: AppFingerprint; now: Date },
): { next: AppClassification; change: AutomaticChange | null } {
  if (!current) {
    return { next: unreviewed(input.connectionId, input.appKey, input.now), change: { kind: 'discovered' } };
  }
  if (!isApproved(current.state)) return { next: current, change: null };
  const at = input.now.toISOString();
  let reason: ReviewReason | null = null;
  if (
    current.state === 'risk-accepted' &&
    current.expiresAt &&
    Date.parse(current.expiresAt) <= input.now.getTime()
  ) {
    reason = { kind: 'acceptance-expired', expiredAt: current.expiresAt, at };
  }
  if (current.approvedFingerprint) {
    const changes = diffFingerprints(current.approvedFingerprint, input.fingerprint);
    if (changes.length > 0) reason = { kind: 'fingerprint-changed', changes, at };
  }
  if (!reason) return { next: current, change: null };
  return {
    next: {
      ...current,
      state: 're-review',
      previousState: current.state,
      reviewReason: reason,
      updatedAt: at,
    },
    change: { kind: 're-review', reason, from: current.state },
  };
}

function isoOrNull(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new AppRiskError('invalid_decision', `"${String(value)}" is not a valid time`);
  return new Date(ms).toISOString();
}

/** A person's decision applied to the current classification; throws `invalid_decision` when it cannot stand. */
export function decide(
  current: AppClassification | undefined,
  decision: Decision,
  ctx: DecisionContext,
): AppClassification {
  if (!CLASSIFICATION_STATES.includes(decision.state)) {
    throw new AppRiskError('invalid_decision', `unknown classification state "${String(decision.state)}"`);
  }
  const justification = decision.justification?.trim() || null;
  const expiresAt = isoOrNull(decision.expiresAt);
  if (decision.state === 'risk-accepted') {
    if (!expiresAt) throw new AppRiskError('invalid_decision', 'accepting a risk needs an expiry');
    if (Date.parse(expiresAt) <= ctx.now.getTime())
      throw new AppRiskError('invalid_decision', 'the expiry of an accepted risk must be in the future');
  } else if (expiresAt) {
    throw new AppRiskError('invalid_decision', 'only an accepted risk has an expiry');
  }
  if ((decision.state === 'risk-accepted' || decision.state === 'unsanctioned') && !justification) {
    throw new AppRiskError('invalid_decision', `marking an app ${decision.state} needs a justification`);
  }
  const approving = isApproved(decision.state);
  if (approving && !ctx.fingerprint) {
    throw new AppRiskError(
      'invalid_decision',
      `${ctx.appKey} is not in the current inventory: only an installed app can be approved`,
    );
  }
  const at = ctx.now.toISOString();
  const base = current ?? unreviewed(ctx.connectionId, ctx.appKey, ctx.now);
  return {
    ...base,
    state: decision.state,
    previousState: null,
    expiresAt,
    justification,
    decidedBy: ctx.actor,
    decidedAt: at,
    approvedFingerprint: approving ? ctx.fingerprint : base.approvedFingerprint,
    reviewReason: null,
    updatedAt: at,
  };
}

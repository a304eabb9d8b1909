import type { Evidence, ExceptionRef, ResourceRef, ResultStatus, RuleResult } from '../rules/result.ts';
import { resultKey } from '../rules/result.ts';
import { indexResults, isFailing, sameEvidence, scopeKey } from './result-index.ts';

// Findings: failing results tracked across snapshots. A finding opens the first time a rule fails
// for a resource, keeps its first-seen snapshot for life, moves its last-seen forward each time it
// still fails, resolves when the resource passes (or is gone from a complete evaluation), and
// reopens as `regressed` if it fails again. Pure: the caller loads `history` (the findings after
// the previous evaluation) and stores what comes back.

export type FindingState = 'open' | 'excepted' | 'resolved';

export interface SeenAt {
  version: number;
  at: string;
}

export interface Finding {
  /** `resultKey`: the rule and the resource. */
  key: string;
  ruleId: string;
  resource: ResourceRef;
  state: FindingState;
  /** The latest evaluation's status for it; `absent` when the resource is gone. */
  lastStatus: ResultStatus | 'absent';
  /** The latest failure's message (kept while the resource cannot be checked). */
  message: string;
  evidence?: Evidence;
  exception?: ExceptionRef;
  firstSeen: SeenAt;
  /** The last snapshot in which it was seen failing. */
  lastSeen: SeenAt;
  /** When it was last resolved; null while open. */
  resolved: SeenAt | null;
  /** How many times it came back after being resolved. */
  regressions: number;
}

export interface FindingChange {
  kind: 'new' | 'regressed' | 'resolved' | 'changed';
  finding: Finding;
  /** The finding as it was, for `regressed`, `resolved` and `changed`. */
  previous?: Finding;
}

export interface TrackedFindings {
  /** Every finding, open or resolved, sorted by key. */
  findings: Finding[];
  changes: FindingChange[];
}

function failingState(result: RuleResult): FindingState {
  return result.status === 'excepted' ? 'excepted' : 'open';
}

function withResult(finding: Finding, result: RuleResult, seen: SeenAt): Finding {
  const { evidence: _e, exception: _x, ...rest } = finding;
  return {
    ...rest,
    state: failingState(result),
    lastStatus: result.status,
    message: result.message,
    ...(result.evidence ? { evidence: result.evidence } : {}),
    ...(result.exception ? { exception: result.exception } : {}),
    lastSeen: seen,
    resolved: null,
  };
}

export function trackFindings(
  history: readonly Finding[],
  current: readonly RuleResult[],
  snapshotVersion: number,
  now: Date,
): TrackedFindings {
  const seen: SeenAt = { version: snapshotVersion, at: now.toISOString() };
  const index = indexResults(current);
  const previous = new Map(history.map((f) => [f.key, f]));
  const findings = new Map<string, Finding>();
  const changes: FindingChange[] = [];

  for (const result of current) {
    if (!isFailing(result.status)) continue;
    const key = resultKey(result);
    const before = previous.get(key);
    if (!before) {
      const finding: Finding = {
        key,
        ruleId: result.ruleId,
        resource: result.resource,
        state: failingState(result),
        lastStatus: result.status,
        message: result.message,
        ...(result.evidence ? { evidence: result.evidence } : {}),
        ...(result.exception ? { exception: result.exception } : {}),
        firstSeen: seen,
        lastSeen: seen,
        resolved: null,
        regressions: 0,
      };
      findings.set(key, finding);
      changes.push({ kind: 'new', finding });
    } else if (before.state === 'resolved') {
      const finding = { ...withResult(before, result, seen), regressions: before.regressions + 1 };
      findings.set(key, finding);
      changes.push({ kind: 'regressed', finding, previous: before });
    } else {
      const finding = withResult(before, result, seen);
      findings.set(key, finding);
      const differs =
        finding.state !== before.state ||
        finding.lastStatus !== before.lastStatus ||
        finding.message !== before.message ||
        !sameEvidence(finding.evidence, before.evidence);
      if (differs) changes.push({ kind: 'changed', finding, previous: before });
    }
  }

  for (const before of history) {
    if (findings.has(before.key)) continue;
    if (before.state === 'resolved') {
      findings.set(before.key, before);
      continue;
    }
    const result = index.byKey.get(before.key);
    const scope = scopeKey(before.ruleId, before.resource.scope);
    if (result?.status === 'pass' || (!result && index.completeScopes.has(scope))) {
      const finding: Finding = {
        ...before,
        state: 'resolved',
        lastStatus: result ? 'pass' : 'absent',
        resolved: seen,
      };
      findings.set(before.key, finding);
      changes.push({ kind: 'resolved', finding, previous: before });
      continue;
    }
    // Still open: it could not be checked (unknown, not applicable) or was not evaluated at all.
    const status = result?.status ?? index.engineResults.get(scope)?.status;
    if (status === undefined || status === before.lastStatus) {
      findings.set(before.key, before);
      continue;
    }
    const finding: Finding = { ...before, lastStatus: status };
    findings.set(before.key, finding);
    changes.push({ kind: 'changed', finding, previous: before });
  }

  const sorted = [...findings.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { findings: sorted, changes };
}

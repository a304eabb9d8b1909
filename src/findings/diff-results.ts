import { type ResourceRef, type ResultStatus, type RuleResult, resultKey } from '../rules/result.ts';
import { changedEvidence, indexResults, isFailing, sameEvidence, scopeKey } from './result-index.ts';

// What changed between two evaluations (the previous snapshot's and the current one's), per rule
// and resource. Pure and history-free; trackFindings adds first/last seen on top.
//   new        failing now; before it was absent, unknown or not applicable
//   regressed  failing now; it passed before (the configuration got worse)
//   resolved   failing before; now it passes, or the resource is gone from a complete evaluation
//   changed    anything else worth telling: fail ↔ excepted, a failure whose details changed,
//              a failure that can no longer be checked (unknown), pass ↔ unknown. A change no
//              one could see in the status or the message names the evidence fields that moved
//              (`evidence`), so that the diff never shows two identical lines as a change.
// A failing resource that is merely not seen (its scope turned unknown) is `changed`, never
// `resolved`: missing data is not a fix.

export type ChangeKind = 'new' | 'regressed' | 'resolved' | 'changed';

export interface ResultState {
  status: ResultStatus;
  message: string;
}

export interface ResultChange {
  kind: ChangeKind;
  key: string;
  ruleId: string;
  resource: ResourceRef;
  /** Null when the resource had no result before. */
  previous: ResultState | null;
  /** Null when the resource is gone; the scope's result when only the scope was evaluated. */
  current: ResultState | null;
  /** When status and message are the same: the evidence fields that changed, with both values. */
  evidence?: { field: string; previous: unknown; current: unknown }[];
}

export interface ResultDiff {
  new: ResultChange[];
  regressed: ResultChange[];
  resolved: ResultChange[];
  changed: ResultChange[];
}

function state(r: RuleResult | undefined): ResultState | null {
  return r ? { status: r.status, message: r.message } : null;
}

export function diffResults(previous: readonly RuleResult[], current: readonly RuleResult[]): ResultDiff {
  const before = indexResults(previous);
  const after = indexResults(current);
  const diff: ResultDiff = { new: [], regressed: [], resolved: [], changed: [] };
  const push = (
    kind: ChangeKind,
    ref: RuleResult,
    p: ResultState | null,
    c: ResultState | null,
    evidence?: ResultChange['evidence'],
  ) =>
    diff[kind].push({
      kind,
      key: resultKey(ref),
      ruleId: ref.ruleId,
      resource: ref.resource,
      previous: p,
      current: c,
      ...(evidence ? { evidence } : {}),
    });

  for (const c of current) {
    const p = before.byKey.get(resultKey(c));
    if (isFailing(c.status)) {
      if (!p || p.status === 'unknown' || p.status === 'not_applicable') push('new', c, state(p), state(c));
      else if (p.status === 'pass') push('regressed', c, state(p), state(c));
      else if (p.status !== c.status || p.message !== c.message) push('changed', c, state(p), state(c));
      else if (!sameEvidence(p.evidence, c.evidence)) {
        push('changed', c, state(p), state(c), changedEvidence(p.evidence, c.evidence));
      }
    } else if (p && isFailing(p.status)) {
      push(c.status === 'pass' ? 'resolved' : 'changed', c, state(p), state(c));
    } else if (p && p.status !== c.status) {
      push('changed', c, state(p), state(c));
    }
  }
  for (const p of previous) {
    if (!isFailing(p.status) || after.byKey.has(resultKey(p))) continue;
    const scope = scopeKey(p.ruleId, p.resource.scope);
    if (after.completeScopes.has(scope)) push('resolved', p, state(p), null);
    else {
      const instead = after.engineResults.get(scope);
      // Not evaluated at all (the rule was not run): no evidence either way, so no change.
      if (instead) push('changed', p, state(p), state(instead));
    }
  }
  return diff;
}

import { complianceCoverage, type FrameworkCoverage } from '../../rules/compliance/coverage.ts';
import { frameworks } from '../../rules/compliance/index.ts';
import type { ResultStatus } from '../../rules/result.ts';
import type { RuleMeta } from '../../rules/rule-meta.ts';

// Framework coverage with the state of each check: the controls each framework lists, the rules
// that give evidence for them (the rules' own `compliance` metadata, one source), and how those
// rules' results of the latest snapshot(s) came out. A check fails when any result fails; it is
// unknown when none fails but one could not be decided; a control takes the worst of its checks.

export const CHECK_STATES = [
  'fail',
  'unknown',
  'excepted',
  'pass',
  'not_applicable',
  'not_evaluated',
] as const;
export type CheckState = (typeof CHECK_STATES)[number];
export const CONTROL_STATES = [
  'fail',
  'unknown',
  'pass',
  'not_applicable',
  'not_evaluated',
  'not_covered',
] as const;
export type ControlState = (typeof CONTROL_STATES)[number];

export type StatusCounts = Record<ResultStatus, number>;

export interface ComplianceCheck {
  ruleId: string;
  title: string;
  severity: string;
  state: CheckState;
  results: StatusCounts;
}

export interface ComplianceControl {
  id: string;
  title: string;
  group: string;
  state: ControlState;
  checks: ComplianceCheck[];
}

export interface ComplianceFramework {
  id: FrameworkCoverage['id'];
  title: string;
  version: string;
  /** Listed controls at least one check covers. */
  covered: number;
  total: number;
  percent: number;
  /** Covered controls whose checks all passed (or do not apply). */
  passing: number;
  failing: number;
  controls: ComplianceControl[];
}

export function emptyStatusCounts(): StatusCounts {
  return { pass: 0, fail: 0, unknown: 0, not_applicable: 0, excepted: 0 };
}

/** Adds results (rule id and status) to per-rule counts. */
export function countResults(
  into: Map<string, StatusCounts>,
  results: readonly { ruleId: string; status: ResultStatus }[],
): void {
  for (const r of results) {
    const counts = into.get(r.ruleId) ?? emptyStatusCounts();
    counts[r.status] += 1;
    into.set(r.ruleId, counts);
  }
}

export function checkState(counts: StatusCounts | undefined): CheckState {
  if (!counts) return 'not_evaluated';
  if (counts.fail > 0) return 'fail';
  if (counts.unknown > 0) return 'unknown';
  if (counts.excepted > 0) return 'excepted';
  if (counts.pass > 0) return 'pass';
  if (counts.not_applicable > 0) return 'not_applicable';
  return 'not_evaluated';
}

export function controlState(checks: readonly ComplianceCheck[]): ControlState {
  if (checks.length === 0) return 'not_covered';
  const states = new Set(checks.map((c) => c.state));
  if (states.has('fail')) return 'fail';
  if (states.has('unknown')) return 'unknown';
  if (states.has('pass') || states.has('excepted')) return 'pass';
  if (states.has('not_applicable')) return 'not_applicable';
  return 'not_evaluated';
}

/** Every framework's controls with their checks' states, from the per-rule result counts. */
export function complianceOf(
  metas: readonly Pick<RuleMeta, 'id' | 'title' | 'severity' | 'compliance'>[],
  counts: ReadonlyMap<string, StatusCounts>,
): ComplianceFramework[] {
  const byId = new Map(metas.map((m) => [m.id, m]));
  return complianceCoverage(metas, frameworks).map((f) => {
    const controls = f.controls.map((c) => {
      const checks = c.rules.map((ruleId) => {
        const results = counts.get(ruleId);
        return {
          ruleId,
          title: byId.get(ruleId)?.title ?? ruleId,
          severity: byId.get(ruleId)?.severity ?? 'low',
          state: checkState(results),
          results: results ?? emptyStatusCounts(),
        };
      });
      return { id: c.id, title: c.title, group: c.group, state: controlState(checks), checks };
    });
    return {
      id: f.id,
      title: f.title,
      version: f.version,
      covered: f.covered,
      total: f.total,
      percent: f.percent,
      passing: controls.filter((c) => c.state === 'pass' || c.state === 'not_applicable').length,
      failing: controls.filter((c) => c.state === 'fail').length,
      controls,
    };
  });
}

import type { Report, ReportResult } from '../../report/model.ts';
import { SEVERITIES, type Severity, severityRank } from '../../rules/severity.ts';

// The CI gates. `--fail-on <severity>`: the failing results (status `fail`; `excepted` ones were
// accepted) at or above that severity. `unknown` is not a failure found, but it is not a pass
// either: `--fail-on-unknown <severity>` gates on the undecided results at or above it, and
// `--min-coverage <percent>` on the share of applicable results that were decided. Any of them
// ends the command with 2.

export interface Gates {
  failOn?: Severity | undefined;
  failOnUnknown?: Severity | undefined;
  /** 0–100. */
  minCoverage?: number | undefined;
}

/** Results of a status at or above a severity, and how many distinct checks (rules) they are. */
export interface Tally {
  results: number;
  checks: number;
}

function tally(results: readonly ReportResult[]): Tally {
  return { results: results.length, checks: new Set(results.map((r) => r.ruleId)).size };
}

function atOrAbove(report: Report, status: ReportResult['status'], severity: Severity): ReportResult[] {
  return report.results.filter(
    (r) => r.status === status && severityRank(r.severity) <= severityRank(severity),
  );
}

export function failingAtOrAbove(report: Report, failOn: Severity): ReportResult[] {
  return atOrAbove(report, 'fail', failOn);
}

/** Undecided checks by severity, most severe first (every severity, zeros included). */
export function undecidedBySeverity(report: Report): { severity: Severity; tally: Tally }[] {
  return SEVERITIES.map((severity) => ({
    severity,
    tally: tally(report.results.filter((r) => r.status === 'unknown' && r.severity === severity)),
  }));
}

/** The percentage of applicable results (all but `not_applicable`) that were decided; null when none applied. */
export function decidedPercent(report: Report): number | null {
  const applicable = report.results.filter((r) => r.status !== 'not_applicable');
  if (applicable.length === 0) return null;
  const decided = applicable.filter((r) => r.status !== 'unknown').length;
  return Math.floor((decided * 1000) / applicable.length) / 10;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const counted = (t: Tally, what: string) =>
  `${plural(t.results, `${what} result`)} (${plural(t.checks, 'check')})`;

/** The lines the gates add to the summary, and whether any of them tripped. */
export function evaluateGates(report: Report, gates: Gates): { lines: string[]; tripped: boolean } {
  const lines: string[] = [];
  let tripped = false;
  if (gates.failOn) {
    const s = gates.failOn;
    const t = tally(failingAtOrAbove(report, s));
    tripped ||= t.results > 0;
    lines.push(
      t.results > 0
        ? `${counted(t, 'failing')} at or above ${s} (--fail-on ${s}): exit code 2`
        : `No failing result at or above ${s} (--fail-on ${s})`,
    );
  }
  if (gates.failOnUnknown) {
    const s = gates.failOnUnknown;
    const t = tally(atOrAbove(report, 'unknown', s));
    tripped ||= t.results > 0;
    lines.push(
      t.results > 0
        ? `${counted(t, 'undecided')} at or above ${s} (--fail-on-unknown ${s}): exit code 2`
        : `No undecided result at or above ${s} (--fail-on-unknown ${s})`,
    );
  }
  if (gates.minCoverage !== undefined) {
    const min = gates.minCoverage;
    const got = decidedPercent(report);
    const low = got === null ? min > 0 : got < min;
    tripped ||= low;
    const what = got === null ? 'no applicable result' : `${got}% of the applicable results decided`;
    lines.push(
      low ? `${what}, below --min-coverage ${min}%: exit code 2` : `${what} (--min-coverage ${min}%)`,
    );
  }
  return { lines, tripped };
}

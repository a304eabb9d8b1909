import type { Report, ReportResult } from '../../report/model.ts';
import { type Severity, severityRank } from '../../rules/severity.ts';

// `--fail-on <severity>`: the failing results (status `fail`; `excepted` ones were accepted, and
// `unknown` is not a failure found) at or above that severity. Any of them ends the command with 2.

export function failingAtOrAbove(report: Report, failOn: Severity): ReportResult[] {
  return report.results.filter(
    (r) => r.status === 'fail' && severityRank(r.severity) <= severityRank(failOn),
  );
}

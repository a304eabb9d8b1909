// The compliance view as CSV, one row per control and check (a control no check covers has one
// row with empty check columns), for auditors' spreadsheets.

// The fields it reads of GET /api/v1/compliance's answer (structural: the node tests import this
// file without the DOM the API client needs).
export interface Compliance {
  frameworks: readonly {
    id: string;
    controls: readonly {
      id: string;
      title: string;
      group: string;
      state: string;
      checks: readonly {
        ruleId: string;
        title: string;
        severity: string;
        state: string;
        results: Record<'pass' | 'fail' | 'unknown' | 'not_applicable' | 'excepted', number>;
      }[];
    }[];
  }[];
}

const HEADER = [
  'framework',
  'control',
  'control_title',
  'group',
  'control_state',
  'check',
  'check_title',
  'severity',
  'check_state',
  'pass',
  'fail',
  'unknown',
  'not_applicable',
  'excepted',
];

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function complianceCsv(compliance: Compliance, frameworkIds?: readonly string[]): string {
  const lines = [HEADER.join(',')];
  for (const f of compliance.frameworks) {
    if (frameworkIds && !frameworkIds.includes(f.id)) continue;
    for (const c of f.controls) {
      const control = [f.id, c.id, c.title, c.group, c.state];
      if (c.checks.length === 0)
        lines.push([...control, '', '', '', '', '', '', '', '', ''].map(csvCell).join(','));
      for (const k of c.checks) {
        const r = k.results;
        lines.push(
          [
            ...control,
            k.ruleId,
            k.title,
            k.severity,
            k.state,
            r.pass,
            r.fail,
            r.unknown,
            r.not_applicable,
            r.excepted,
          ]
            .map(csvCell)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

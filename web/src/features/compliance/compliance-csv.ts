import type { ApiResponse } from '../../api/client.ts';

// The compliance view as CSV, one row per control and check (a control no check covers has one
// row with empty check columns), for auditors' spreadsheets.

export type Compliance = ApiResponse<'GET /api/v1/compliance'>;

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

/** Offers text as a file download (the browser's own save). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

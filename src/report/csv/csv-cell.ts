// One CSV cell, RFC 4180 and spreadsheet-safe. A cell a spreadsheet would read as a formula
// (starting with = + - @, or a tab or carriage return that some programs strip before looking) gets
// a leading apostrophe, the OWASP "CSV injection" defence: the value shows as text and never runs.
// Then a cell holding a comma, a quote or a line break is quoted, its quotes doubled.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows joined with CRLF (RFC 4180), ending with one. */
export function csvLines(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

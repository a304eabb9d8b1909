import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport } from '../build-report.ts';
import { FORMULA_NAME, QUOTED_NAME, sampleInput } from '../testing/sample-input.ts';
import { csvCell, csvLines } from './csv-cell.ts';
import { CSV_COLUMNS, renderCsv } from './render-csv.ts';

/** An RFC 4180 reader, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell, '', 'the file ends with a line break');
  return rows;
}

test('cells with commas, quotes or line breaks are quoted and their quotes doubled (RFC 4180)', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(3), '3');
  assert.equal(csvLines([['a', 'b,c']]), 'a,"b,c"\r\n');
});

test('a cell a spreadsheet would run as a formula is prefixed with an apostrophe', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    assert.ok(csvCell(`${start}SUM(A1)`).replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(start));
  }
  assert.equal(csvCell(FORMULA_NAME), `"'=HYPERLINK(""https://evil.example"",""open"")"`);
  assert.equal(csvCell(-1), '-1');
});

test('the action plan has one row per failing result, most severe first, with what to do', () => {
  const report = buildReport(sampleInput());
  const rows = parseCsv(renderCsv(report));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  const body = rows.slice(1);
  assert.equal(body.length, report.results.filter((r) => r.status === 'fail').length);
  assert.deepEqual(
    body.map((r) => [r[0], r[1], r[3], r[7]]),
    [
      ['1', 'critical', 'jira_permission_scheme_no_anyone', '10001'],
      ['2', 'critical', 'jira_permission_scheme_no_anyone', '10000'],
      ['3', 'high', 'org_no_dormant_admins', 'acc-1'],
      ['4', 'medium', 'conf_space_admin_not_broad', 'DOCS'],
      ['5', 'low', 'jira_team_managed_not_open', '10042'],
    ],
  );
  const scheme = body[1]!;
  assert.equal(scheme[2], 'Jira Cloud');
  assert.equal(scheme[5], 'https://acme.atlassian.net');
  assert.equal(scheme[8], `'${FORMULA_NAME}`);
  assert.match(scheme[10]!, /^1\. /);
  assert.match(scheme[11]!, /^1\. /);
  assert.match(scheme[12]!, /^https:\/\//);
  const admin = body[2]!;
  assert.equal(admin[5], 'Organization');
  assert.equal(admin[8], QUOTED_NAME);
  assert.match(admin[9]!, /\nRemove the role/);
  const project = body[4]!;
  assert.equal(project[8], "'-1 Old Project");
  assert.equal(
    project[9],
    "'@channel: -1 Old Project is a team-managed project open to everyone on the site.",
  );
});

test('excepted, unknown, passing and not-applicable results are not in the action plan', () => {
  const text = renderCsv(buildReport(sampleInput()));
  assert.ok(!text.includes('Break Glass'));
  assert.ok(!text.includes('conf_no_anonymous_space_access'));
  assert.ok(!text.includes('org_domain_verified'));
});

test('no failure gives a header row alone, with CRLF line ends', () => {
  const input = sampleInput();
  const text = renderCsv(
    buildReport({ ...input, results: input.results.filter((r) => r.status !== 'fail') }),
  );
  assert.equal(text, `${CSV_COLUMNS.join(',')}\r\n`);
});

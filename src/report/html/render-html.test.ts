import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildReport } from '../build-report.ts';
import { FORMULA_NAME, MARKUP_NAME, QUOTED_NAME, sampleInput } from '../testing/sample-input.ts';
import { escapeHtml, html, safeUrl } from './html.ts';
import { renderHtml } from './render-html.ts';

const page = () => renderHtml(buildReport(sampleInput()));

test('the HTML file is self-contained: no script, no external asset, and a policy that forbids loading any', () => {
  const text = page();
  assert.ok(text.startsWith('<!doctype html>'));
  assert.match(
    text,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
  );
  assert.doesNotMatch(text, /<script|<link|<img|<iframe|<object|@import|url\(/i);
  assert.doesNotMatch(text, /<[a-z][^>]*\ssrc=/i);
  for (const [, href] of text.matchAll(/href="([^"]*)"/g)) {
    assert.ok(href!.startsWith('#') || href!.startsWith('https://'), `unexpected link ${href}`);
  }
});

test('names and messages from the tenant are escaped, never markup', () => {
  const text = page();
  assert.ok(!text.includes(MARKUP_NAME));
  assert.ok(text.includes(escapeHtml(MARKUP_NAME)));
  assert.ok(text.includes(escapeHtml(QUOTED_NAME)));
  assert.ok(text.includes(escapeHtml(FORMULA_NAME)));
});

test('a reference that is not an http(s) URL is shown as text, not as a link', () => {
  const report = buildReport(sampleInput());
  report.rules.find((r) => r.id === 'jira_permission_scheme_no_anyone')!.references = [
    { title: 'Click me', url: 'javascript:alert(1)' },
  ];
  const text = renderHtml(report);
  assert.ok(!text.includes('javascript:'));
  assert.ok(text.includes('Click me'));
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('data:text/html,x'), null);
  assert.equal(safeUrl('https://support.atlassian.com/x'), 'https://support.atlassian.com/x');
});

test('the html tag escapes interpolations, joins arrays and drops empty values', () => {
  assert.equal(
    html`<p>${'<b>'}${['a', html`<i>b</i>`]}${null}${false}${3}</p>`.value,
    '<p>&lt;b&gt;a<i>b</i>3</p>',
  );
  assert.equal(html`<a title="${`"x" & 'y'`}">`.value, '<a title="&quot;x&quot; &amp; &#39;y&#39;">');
});

test('the page shows the score, the findings by severity and area with remediation, apps, exceptions and gaps', () => {
  const report = buildReport(sampleInput());
  const text = renderHtml(report);
  assert.match(text, /aria-label="Posture score 17"/);
  for (const heading of [
    'Findings',
    'Checks by area',
    'Accepted exceptions',
    'Checks that could not be decided',
  ]) {
    assert.ok(text.includes(`>${heading}</h2>`), heading);
  }
  assert.ok(text.includes('>Installed apps</h2>') && text.includes('>Coverage gaps</h2>'));
  // Severity sections in order, each with its areas.
  const critical = text.indexOf('<h3>Critical');
  const high = text.indexOf('<h3>High');
  const low = text.indexOf('<h3>Low');
  assert.ok(critical > 0 && critical < high && high < low);
  assert.ok(text.includes('<div class="area-title">Jira Cloud</div>'));
  assert.ok(text.includes('<div class="area-title">Organization: accounts and admins</div>'));
  // Remediation steps of a failing rule, with its references.
  const scheme = report.rules.find((r) => r.id === 'jira_permission_scheme_no_anyone')!;
  assert.ok(text.includes(escapeHtml(scheme.remediation.ui[0]!)));
  assert.ok(text.includes(escapeHtml(scheme.remediation.api![0]!)));
  assert.ok(text.includes(`href="${scheme.references[0]!.url}"`));
  // Apps with their risk factors; the unscored one says so.
  assert.ok(text.includes('Bluefin Backup') && text.includes('capability.admin') && text.includes('+90'));
  assert.ok(text.includes('Unscored'));
  // Coverage gaps with their reasons.
  assert.ok(text.includes('HTTP 403 (missing scope read:space:confluence)'));
  assert.ok(text.includes('Emergency account, sealed in the vault.'));
});

test('a clean scan says that nothing failed and nothing is missing', () => {
  const input = sampleInput();
  const text = renderHtml(
    buildReport({
      ...input,
      snapshot: {
        ...input.snapshot,
        datasets: [{ name: 'org.users', scope: 'org', outcome: { status: 'ok' } }],
      },
      results: input.results.filter((r) => r.status === 'pass'),
      apps: [],
    }),
  );
  assert.ok(text.includes('No check failed.'));
  assert.ok(text.includes('Every one of the 1 datasets was read completely.'));
  assert.ok(!text.includes('Accepted exceptions'));
});

function chromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      execFileSync('which', [name], { stdio: 'ignore' });
      return name;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

test('Chromium renders the page with its sections', { timeout: 60_000 }, (t) => {
  const browser = chromium();
  if (!browser) {
    t.skip('Chromium is not installed (apt-get install chromium)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'palisade-html-'));
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, page());
    const dom = execFileSync(
      browser,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--dump-dom',
        `file://${file}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 50_000 },
    );
    assert.match(dom, /<h2 id="findings">Findings<\/h2>/);
    assert.match(dom, /<h2 id="apps">Installed apps<\/h2>/);
    assert.ok(!dom.includes('<img'), 'escaped markup stays text in the DOM');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a product with no decided check shows "no data" and why in the score table, not a score of 0', () => {
  const report = buildReport(sampleInput());
  const none = { pass: 0, fail: 0, unknown: 3, excepted: 0, not_applicable: 1 };
  const products = [
    { product: 'confluence', score: 0, earned: 0, possible: 30, rules: none },
    ...report.summary.scores.products.filter((p) => p.product !== 'confluence'),
  ];
  const text = renderHtml({
    ...report,
    summary: { ...report.summary, scores: { ...report.summary.scores, products } },
  });
  const row = /<tr><td>Confluence<\/td>.*?<\/tr>/.exec(text)?.[0] ?? '';
  assert.match(
    row,
    /<b>no data<\/b> <span class="small">3 checks could not be decided \(data not read\)<\/span>/,
  );
  assert.doesNotMatch(row, /<b>0<\/b>/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSkipReason, checkPageInBothThemes } from './browser.ts';
import { startScannedAcme } from './overview-acme.ts';

interface Total {
  total: number;
}

test('the Overview shows Acme’s posture over two scans, and its numbers open the lists they count', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const { web, page, call, scanAgain } = await startScannedAcme(t);
  await scanAgain();

  await page.goto(web.url);
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByTestId('overview-content').waitFor();
  // Two evaluations: the line joins two points.
  const curve = page
    .getByRole('img', { name: /Posture score over time/ })
    .locator('path.recharts-line-curve')
    .first();
  await curve.waitFor({ state: 'attached' });
  assert.match((await curve.getAttribute('d')) ?? '', /^M[^M]+L/);
  const overview = await call<{
    connections: { posture: { score: number | null } | null; history: unknown[] }[];
    totals: { failing: { findings: Record<string, number> } };
    riskiestApps: { name: string; band: string }[];
  }>('GET', '/api/v1/overview');
  const acme = overview.connections[0];
  assert.equal(acme?.history.length, 2);
  assert.match(await page.getByRole('link', { name: /^Posture score \d+ of / }).innerText(), /^\d+$/);
  assert.equal(
    await page.getByRole('link', { name: /^Posture score / }).innerText(),
    String(acme?.posture?.score),
  );
  await page.getByRole('heading', { name: 'Riskiest apps' }).waitFor();
  const riskiest = overview.riskiestApps[0];
  assert.ok(riskiest, 'Acme has apps');
  await page.getByRole('link', { name: riskiest.name, exact: true }).first().waitFor();
  await checkPageInBothThemes(page, 'overview');

  // The critical findings number opens Findings filtered to them, and the list counts as many.
  const critical = overview.totals.failing.findings.critical ?? 0;
  assert.ok(critical > 0, 'the demo organization has critical findings to work');
  await page.getByRole('link', { name: `${critical} critical findings to work` }).click();
  await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, '/findings');
  assert.equal(url.searchParams.get('severity'), 'critical');
  assert.equal(url.searchParams.get('status'), 'open,in_progress,regressed');
  const listed = await call<Total>('GET', `/api/v1/findings?${url.searchParams}&limit=1`);
  assert.equal(listed.total, critical, 'the list behind the number counts the same');

  // An app's risk band opens Apps filtered to that band, which lists the app.
  await page.goBack();
  await page.getByTestId('overview-content').waitFor();
  await page
    .getByRole('link', { name: `Apps of ${riskiest.band} risk` })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: 'Apps' }).waitFor();
  const apps = new URL(page.url());
  assert.equal(`${apps.pathname}?${apps.searchParams}`, `/apps?band=${riskiest.band}`);
  const banded = await call<{ items: { name: string }[] }>('GET', `/api/v1/apps?${apps.searchParams}`);
  assert.ok(banded.items.some((a) => a.name === riskiest.name));
});

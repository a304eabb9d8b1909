import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { browserSkipReason, checkPageInBothThemes } from './browser.ts';
import { startScannedAcme } from './overview-acme.ts';

interface Compliance {
  frameworks: { id: string; title: string; controls: { id: string; state: string; checks: unknown[] }[] }[];
}

test('Compliance shows each framework’s controls with Acme’s check states, switches framework by keyboard and exports CSV', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const { web, page, call } = await startScannedAcme(t);
  const compliance = await call<Compliance>('GET', '/api/v1/compliance');

  await page.goto(`${web.url}/compliance`);
  await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor();
  const tabs = page.getByRole('tab');
  await tabs.first().waitFor();
  assert.deepEqual(
    (await tabs.allInnerTexts()).map((t) => t.replace(/ \(\d+%\)$/, '')),
    compliance.frameworks.map((f) => f.title),
  );
  const cis = compliance.frameworks[0];
  assert.ok(cis);
  const failing = cis.controls.find((c) => c.state === 'fail');
  assert.ok(failing, 'Acme fails some CIS control');
  const row = page.locator(`tr[data-control="${failing.id}"]`);
  await row.getByText('Failing', { exact: true }).first().waitFor();
  assert.equal(await page.locator('tbody tr[data-control]').count(), cis.controls.length);
  await checkPageInBothThemes(page, 'compliance');

  // Keyboard: the tab list moves with the arrow keys.
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  const second = compliance.frameworks[1];
  assert.ok(second);
  await page.getByRole('table', { name: `${second.title}: controls and their checks` }).waitFor();

  // Export: one row per control and check, with a header.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'palisade-compliance.csv');
  const path = await download.path();
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\r\n');
  assert.match(lines[0] ?? '', /^framework,control,control_title,group,control_state,check,/);
  const expected = compliance.frameworks.reduce(
    (n, f) => n + f.controls.reduce((m, c) => m + Math.max(1, c.checks.length), 0),
    0,
  );
  assert.equal(lines.length - 1, expected);
  assert.ok(lines.some((l) => l.startsWith(`cis-controls-v8,${failing.id},`) && l.includes(',fail,')));
});

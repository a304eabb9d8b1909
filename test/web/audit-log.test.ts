import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { browserSkipReason, checkPageInBothThemes } from './browser.ts';
import { startScannedAcme } from './overview-acme.ts';

interface Audit {
  items: { action: string; subject: string }[];
  total: number;
}

test('the Audit log filters Acme’s changes by action, keeps the filter in the URL and exports what it shows as CSV', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const { web, page, call, connectionId } = await startScannedAcme(t);
  const everything = await call<Audit>('GET', '/api/v1/audit-log');
  assert.ok(everything.items.some((e) => e.action === 'connection.create'));

  await page.goto(`${web.url}/audit-log`);
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await page
    .getByTestId('audit-total')
    .filter({ hasText: `${everything.total} entries` })
    .waitFor();
  await checkPageInBothThemes(page, 'audit-log');

  const filters = page.getByRole('form', { name: 'Audit log filters' });
  await filters.getByLabel('Action', { exact: true }).fill('connection.create');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/action=connection.create/);
  const filtered = await call<Audit>('GET', '/api/v1/audit-log?action=connection.create');
  await page
    .getByTestId('audit-total')
    .filter({ hasText: `${filtered.total} entries` })
    .waitFor();
  assert.equal(await page.locator('tbody tr').count(), filtered.items.length);
  await page
    .getByRole('cell', { name: `connection:${connectionId}` })
    .first()
    .waitFor();

  // The filter survives a reload (it is the page's address).
  await page.reload();
  await page
    .getByTestId('audit-total')
    .filter({ hasText: `${filtered.total} entries` })
    .waitFor();
  assert.equal(await filters.getByLabel('Action', { exact: true }).inputValue(), 'connection.create');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split(/\r?\n/);
  assert.equal(lines.length - 1, filtered.total, 'the export has the filtered entries');
  assert.ok(lines.slice(1).every((l) => l.includes('connection.create')));

  // Clear shows everything again.
  await filters.getByRole('button', { name: 'Clear' }).click();
  await page.waitForURL((u) => u.search === '');
  await page
    .getByTestId('audit-total')
    .filter({ hasText: /entries/ })
    .waitFor();
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { controlApi } from '../integration/simulated-org.ts';
import { browserSkipReason, checkPageInBothThemes, launchBrowser } from './browser.ts';
import { CONNECT, ownerClient, REVOKER, scannedAcme, VIEWER } from './findings-apps-world.ts';
import { startWebServer } from './web-server.ts';

// Issue 13's journey through the Findings and Apps pages, on a server with the demo organization
// ("Acme") connected and scanned through the API in the set-up (connecting is the Integrations
// page's job): filter to critical Jira findings → open one → mark it in progress → dismiss another
// as an accepted risk with an expiry → open an app → uninstall it with a dry run, then for real →
// a viewer sees the actions disabled with the reason.

async function signIn(page: Page, url: string, who: { email: string; password: string }, next = '/') {
  await page.goto(`${url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

interface Installation {
  appKey: string;
  siteId: string;
  product: string;
}

test('a revoker filters findings to critical Jira ones, triages them one by one and in bulk, uninstalls an app after a dry run, and a viewer or a connection without write consent says why not', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const web = await startWebServer();
  t.after(() => web.close());
  const owner = await ownerClient(web);
  const connectionId = await scannedAcme(web, owner);
  const control = controlApi(web.sim.info.controlUrl);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();

  await signIn(page, web.url, REVOKER, '/findings');
  await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
  await page.getByTestId('findings-count').waitFor();

  // Filter: critical, Jira. The URL carries the view; every row matches it.
  await pick(page, 'Severity', 'critical');
  await pick(page, 'Product', 'jira');
  await page.waitForURL(
    (u) =>
      u.searchParams.getAll('severity').join() === 'critical' &&
      u.searchParams.getAll('product').join() === 'jira',
  );
  const rows = page.locator('tr[data-finding-id]');
  const viaApi = await owner.call<{ total: number }>(
    'GET',
    '/api/v1/findings?severity=critical&product=jira&limit=1',
  );
  assert.ok(viaApi.total >= 2, `the demo has at least two critical Jira findings (got ${viaApi.total})`);
  await page
    .getByTestId('findings-count')
    .filter({ hasText: new RegExp(`^${viaApi.total} findings$`) })
    .waitFor();
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => `${tr.getAttribute('data-severity')}/${tr.getAttribute('data-product')}`),
  );
  assert.equal(shown.length, viaApi.total);
  assert.deepEqual(new Set(shown), new Set(['critical/jira']), 'every row is a critical Jira finding');
  await checkPageInBothThemes(page, 'findings');

  // Open the first: mark it in progress.
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-finding-id') ?? ''));
  const [first, second, third] = ids as [string, string, string];
  await rows.first().getByRole('link').click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('region', { name: 'Remediation' }).waitFor();
  assert.ok(new URL(page.url()).pathname.endsWith(`/findings/${first}`), 'the finding has its own link');
  assert.equal(new URL(page.url()).searchParams.get('severity'), 'critical', 'the filter stays in the link');
  await checkPageInBothThemes(page, 'finding-detail');
  await drawer.getByRole('button', { name: 'Mark in progress' }).click();
  await drawer.getByText('In progress', { exact: true }).first().waitFor();
  const marked = await owner.call<{ finding: { status: string; history: { to: string | null }[] } }>(
    'GET',
    `/api/v1/findings/${first}`,
  );
  assert.equal(marked.finding.status, 'in_progress');
  assert.ok(
    marked.finding.history.some((h) => h.to === 'in_progress'),
    'the change is in its history',
  );
  await drawer.getByRole('button', { name: 'Close the finding' }).click();
  await drawer.waitFor({ state: 'detached' });

  // Dismiss the second as an accepted risk until a date: an exception with that expiry exists.
  await page.locator(`tr[data-finding-id="${second}"]`).getByRole('link').click();
  await drawer.getByRole('button', { name: 'Dismiss…' }).click();
  await drawer.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await drawer.getByRole('alert').filter({ hasText: 'Choose why' }).waitFor();
  await drawer.getByLabel(/Accepted risk/).check();
  const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await drawer.getByLabel('Exception expires on').fill(expiry);
  await drawer.getByLabel('Comment').first().fill('Compensating control: SSO enforced upstream');
  await drawer.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await drawer.getByText('Dismissed', { exact: true }).first().waitFor();
  const dismissed = await owner.call<{
    finding: { status: string; dismissalReason: string; exceptionId: string; ruleId: string };
  }>('GET', `/api/v1/findings/${second}`);
  assert.deepEqual(
    [dismissed.finding.status, dismissed.finding.dismissalReason],
    ['dismissed', 'accepted_risk'],
  );
  const { items } = await owner.call<{
    items: { id: string; ruleId: string; expiresAt: string; state: string }[];
  }>('GET', `/api/v1/exceptions?connectionId=${connectionId}`);
  const exception = items.find((e) => e.id === dismissed.finding.exceptionId);
  assert.ok(exception, 'the accepted risk recorded an exception');
  assert.equal(exception.ruleId, dismissed.finding.ruleId);
  assert.equal(exception.state, 'active');
  assert.equal(exception.expiresAt.slice(0, 10), expiry);
  await drawer.getByRole('button', { name: 'Close the finding' }).click();

  // The table sorts from the keyboard, and the order is in the link too.
  await page.getByRole('button', { name: /^Title/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(
    (u) => u.searchParams.get('sort') === 'title' && u.searchParams.get('severity') === 'critical',
  );

  // Bulk: the selected third finding resolved from the bulk bar.
  await page.locator(`tr[data-finding-id="${third}"]`).getByRole('checkbox').check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await bulk.getByText('Bulk change: 1 finding (selected)').waitFor();
  await bulk.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.getByText('1 finding changed.').waitFor();
  const resolved = await owner.call<{ finding: { status: string } }>('GET', `/api/v1/findings/${third}`);
  assert.equal(resolved.finding.status, 'resolved');

  // Apps: the inventory, then one app.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Apps', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Apps' }).waitFor();
  await page.locator(`tr[data-app-key="${CONNECT}"]`).waitFor();
  await checkPageInBothThemes(page, 'apps');
  await page.locator(`tr[data-app-key="${CONNECT}"]`).getByRole('link').click();
  await page.getByRole('region', { name: 'Risk factors' }).waitFor();
  const appName = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await checkPageInBothThemes(page, 'app-detail');

  const acme = web.sim.info.sites.find((s) => s.name === 'acme');
  assert.ok(acme, 'the demo has the acme site');
  const installed = (list: Installation[]) =>
    list.some((i) => i.appKey === CONNECT && i.siteId === acme.cloudId && i.product === 'jira');
  const before = await control.send<Installation[]>('GET', '/tenant/installations');
  assert.ok(installed(before), 'the app is installed on acme before');

  await page.getByRole('button', { name: 'Uninstall', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Uninstall ${appName}` });
  await dialog.waitFor();
  const confirm = dialog.getByRole('button', { name: /^Confirm: uninstall / });
  assert.equal(await confirm.isDisabled(), true, 'the confirmation waits for the preview');
  await dialog.getByRole('combobox', { name: 'Site' }).click();
  const acmeHost = new URL(acme.url).host;
  await page.getByRole('option', { name: acmeHost, exact: true }).click();
  await dialog.getByRole('button', { name: 'Preview (dry run)' }).click();
  await dialog.getByRole('table', { name: 'What the action would do' }).waitFor();
  assert.deepEqual(
    await control.send<Installation[]>('GET', '/tenant/installations'),
    before,
    'a dry run changes nothing',
  );
  assert.equal(
    await confirm.textContent(),
    `Confirm: uninstall ${appName} on ${acmeHost}`,
    'the confirmation names the app and the site',
  );
  await confirm.click();
  await dialog.getByRole('table', { name: 'What the action did' }).waitFor();
  const after = await control.send<Installation[]>('GET', '/tenant/installations');
  assert.equal(installed(after), false, 'the simulator no longer has the app on acme');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // A viewer: the actions are there, disabled, with the reason.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Palisade' }).waitFor();
  const appUrl = `/apps/${encodeURIComponent('io.fastsync.jira-sync')}?connectionId=${encodeURIComponent(connectionId)}`;
  await signIn(page, web.url, VIEWER, appUrl);
  await page.getByRole('region', { name: 'Risk factors' }).waitFor();
  for (const action of ['Disable', 'Uninstall', 'Ban']) {
    assert.equal(
      await page.getByRole('button', { name: action, exact: true }).isDisabled(),
      true,
      `${action} is disabled`,
    );
  }
  assert.match((await page.getByTestId('revoke-reason').textContent()) ?? '', /apps:revoke/);
  await checkPageInBothThemes(page, 'app-detail-viewer');

  // The revoker on a connection whose write consent was revoked: disabled too, saying why.
  await owner.call('DELETE', `/api/v1/connections/${connectionId}/write-consent`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Palisade' }).waitFor();
  await signIn(page, web.url, REVOKER, appUrl);
  await page.getByTestId('revoke-reason').filter({ hasText: 'has no write consent' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Uninstall', exact: true }).isDisabled(), true);
});

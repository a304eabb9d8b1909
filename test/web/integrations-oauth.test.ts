import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSkipReason, checkPageInBothThemes, launchBrowser } from './browser.ts';
import { setUpOwnerOnIntegrations } from './integrations-support.ts';
import { startWebServer } from './web-server.ts';

// The OAuth way of Add: Palisade's consent step → Atlassian's (the simulator's) /authorize page,
// approved as the org admin → back on the Integrations page with the organization's domains.

test('an owner adds Acme with OAuth: the consent step, Atlassian’s authorize page, then back in Palisade with the domains listed', {
  skip: browserSkipReason(),
  timeout: 240_000,
}, async (t) => {
  const web = await startWebServer({ oauth: true });
  t.after(() => web.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const { admin } = web.sim.info.credentials;

  await setUpOwnerOnIntegrations(page, web.setupUrl);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Atlassian' });
  await dialog.getByText('All privileges are read-only').waitFor();
  await dialog.getByRole('cell', { name: 'offline_access', exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'I agree: connect with OAuth' }).click();

  // Atlassian's consent (the simulator's authorization server).
  await page.waitForURL((url) => url.origin === new URL(web.sim.info.authUrl).origin, { timeout: 30_000 });
  assert.match(page.url(), /\/authorize\?/);
  await page.locator('#email').fill(admin.email);
  await page.locator('#api_token').fill(admin.apiToken);
  await page.getByRole('button', { name: 'Accept' }).click();

  // Back in Palisade: the connection and its domains, its first scan under way or done.
  await page
    .waitForURL((url) => url.origin === web.url && url.pathname === '/integrations', { timeout: 60_000 })
    .catch(async (error: unknown) => {
      const body = (await page.textContent('body').catch(() => '')) ?? '';
      throw new Error(`not back on the Integrations page but on ${page.url()}: ${body.slice(0, 500)}`, {
        cause: error,
      });
    });
  await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
  const rows = page.locator('tr[data-domain]');
  await rows.first().waitFor({ timeout: 30_000 });
  const count = await rows.count();
  assert.ok(count >= 1, 'at least one domain is listed');
  assert.match(
    (await page.getByTestId('domain-count').textContent()) ?? '',
    new RegExp(`^${count} domains?$`),
  );
  assert.match((await rows.first().textContent()) ?? '', /OAuth/);
  // The notice of the new connection: still processing, ready, or why its first scan failed.
  const notice = page.getByTestId('processing');
  await notice.waitFor();
  // An OAuth grant is to a site, so the connection is named by its domain.
  const host = (await rows.first().getAttribute('data-domain')) ?? '';
  assert.ok((await notice.textContent())?.includes(host), 'the notice names the new domain');
  await checkPageInBothThemes(page, 'integrations-oauth');
});

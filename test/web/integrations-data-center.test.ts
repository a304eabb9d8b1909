import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoPageErrors, browserSkipReason, launchBrowser } from './browser.ts';
import { apiGet, setUpOwnerOnIntegrations } from './integrations-support.ts';
import { startWebServer } from './web-server.ts';

// The demo's Jira Data Center instance in the Integrations window: added with a system
// administrator's personal access token, counted in the Data Center row with its own worst last
// sync (the Atlassian row has none), and its separate write
// consent given there with a personal access token (not the cloud's e-mail and API token).

test("an owner adds the demo's Jira Data Center instance and grants its write consent with a system administrator's personal access token in the Data Center row", {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const web = await startWebServer();
  t.after(() => web.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const jira = web.sim.info.dataCenterSites.find((s) => s.product === 'jira-data-center');
  assert.ok(jira, 'the demo tenant has a Jira Data Center instance');

  await setUpOwnerOnIntegrations(page, web.setupUrl);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Atlassian' });
  await dialog.getByRole('radio', { name: /^Jira Data Center/ }).click();
  await dialog.getByRole('button', { name: 'I agree: connect Jira Data Center' }).click();
  await dialog.getByLabel('Base URL').fill(jira.url);
  await dialog.getByLabel('Personal access token').fill(jira.credentials.adminToken);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'ready for review' }).waitFor({ timeout: 120_000 });
  assert.equal(await page.getByTestId('data-center-count').textContent(), '1 instance');
  // Each row names its own kind's worst last sync, as the server picks it per kind.
  const { worstLastSyncByKind } = await apiGet<{ worstLastSyncByKind: Record<string, { host: string }> }>(
    page,
    '/api/v1/connections',
  );
  const host = worstLastSyncByKind['data-center']?.host ?? '';
  assert.ok(host, 'the server names the Data Center row a worst last sync');
  await page.locator('[data-kind="data-center"]').getByText(`(${host})`).waitFor();
  assert.match((await page.locator('[data-kind="atlassian"]').textContent()) ?? '', /Last Synced: N\/A/);

  // The Data Center row offers the separate write consent, asking for a personal access token.
  const region = page.locator('#data-center-domains');
  const writeStep = region.getByRole('region', { name: /Separate step: write consent for revocation/ });
  await writeStep.getByText('Not granted').waitFor();
  await writeStep.getByText('used only for Disable and Uninstall').waitFor();
  assert.equal(await writeStep.getByLabel('Site admin e-mail').count(), 0);
  // A plain user's token is refused: the server's reason is shown and the step stays open.
  await writeStep.getByLabel('Personal access token').fill(jira.credentials.userToken);
  await writeStep.getByRole('button', { name: /^Grant write consent for / }).click();
  const refused = writeStep.getByRole('alert').filter({ hasText: 'Write consent not changed' });
  await refused.waitFor();
  assert.match((await refused.textContent()) ?? '', /needs an administrator/);
  assert.doesNotMatch(await page.content(), new RegExp(jira.credentials.userToken));
  await writeStep.getByLabel('Personal access token').fill(jira.credentials.adminToken);
  await writeStep.getByRole('button', { name: /^Grant write consent for / }).click();
  await writeStep.getByText(`Granted (key ••••${jira.credentials.adminToken.slice(-4)})`).waitFor();
  assertNoPageErrors(page, 'the Data Center write consent');
});

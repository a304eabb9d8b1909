import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertAccessible,
  assertNoPageErrors,
  browserSkipReason,
  checkPageInBothThemes,
  launchBrowser,
} from './browser.ts';
import { apiGet, setUpOwnerOnIntegrations } from './integrations-support.ts';
import { startWebServer } from './web-server.ts';

// The Integrations window beside Atlassian Cloud: Add offers Bitbucket Cloud and Jira and
// Confluence Data Center; the demo's Bitbucket workspace `acme` is added with its workspace
// access token → "still processing" → success, the Bitbucket row counts it without a reload, and
// the Findings filtered to Bitbucket show its public repository `web` failing bb_no_public_repos.

type Finding = { ruleId: string; status: string; resource: { name?: string | null; key?: string } };

test('an owner adds the Bitbucket workspace acme from the Add choices, sees it processing then ready in the Bitbucket row without a reload, and finds its public repository among the Bitbucket findings', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const web = await startWebServer();
  t.after(() => web.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const bitbucket = web.sim.info.credentials.bitbucket;
  assert.ok(bitbucket, 'the demo tenant has a Bitbucket workspace');
  assert.equal(bitbucket.workspace, 'acme');

  await setUpOwnerOnIntegrations(page, web.setupUrl);
  // Every kind has its row, empty for now; the Atlassian row keeps its words.
  assert.equal(await page.getByTestId('domain-count').textContent(), '0 domains');
  assert.equal(await page.getByTestId('bitbucket-count').textContent(), '0 workspaces');
  assert.equal(await page.getByTestId('data-center-count').textContent(), '0 instances');
  await page.evaluate(() => {
    (globalThis as unknown as { palisadeNoReload: boolean }).palisadeNoReload = true;
  });

  // Add: Atlassian Cloud is chosen first; the other kinds are choices of their own.
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Atlassian' });
  const choice = (name: string) => dialog.getByRole('radio', { name: new RegExp(`^${name}`) });
  assert.equal(await choice('Atlassian Cloud').getAttribute('aria-checked'), 'true');
  for (const name of ['Bitbucket Cloud', 'Jira Data Center', 'Confluence Data Center'])
    assert.equal(await choice(name).getAttribute('aria-checked'), 'false');
  await dialog.getByRole('cell', { name: 'read:jira-work', exact: true }).waitFor();

  // Jira Data Center: the base URL and a personal access token, the allow-list said; the server
  // refuses what it cannot connect and the form shows why.
  await choice('Jira Data Center').click();
  await dialog.getByText('Universal Plugin Manager (GET)').waitFor();
  await dialog.getByRole('button', { name: 'I agree: connect Jira Data Center' }).click();
  await dialog.getByText('The host must be allow-listed').waitFor();
  await dialog.getByLabel('Base URL').fill('https://jira.acme.test');
  await dialog.getByLabel('Personal access token').fill('a-personal-access-token');
  await checkPageInBothThemes(page, 'integrations-add-data-center');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  const refused = dialog.getByRole('alert').filter({ hasText: 'Not connected' });
  await refused.waitFor();
  // The server's reason, as the server test words it (test/server/connections-data-center.test.ts).
  const reason = (await refused.textContent()) ?? '';
  assert.match(reason, /not allow-listed for Data Center.*PALISADE_ALLOW_HOSTS/);
  assert.doesNotMatch(reason, /a-personal-access-token/);
  await dialog.getByRole('button', { name: 'Back', exact: true }).click();

  // Bitbucket Cloud: its read permissions, then the workspace and its access token.
  await choice('Bitbucket Cloud').click();
  await dialog.getByRole('cell', { name: 'Repositories: Admin (repository:admin)', exact: true }).waitFor();
  await dialog.getByText('All privileges are read-only').waitFor();
  await checkPageInBothThemes(page, 'integrations-add-choices');
  await dialog.getByRole('button', { name: 'I agree: connect Bitbucket Cloud' }).click();
  const create = dialog.getByRole('link', { name: 'Create a workspace access token' });
  assert.match(
    (await create.getAttribute('href')) ?? '',
    /^https:\/\/support\.atlassian\.com\/bitbucket-cloud\//,
  );
  // A slug Bitbucket cannot have: the server's validation is shown in the form.
  await dialog.getByRole('textbox', { name: 'Workspace', exact: true }).fill('not a slug');
  await dialog.getByRole('textbox', { name: 'Workspace access token' }).fill(bitbucket.accessToken);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: 'workspace slug' }).waitFor();
  await assertAccessible(page, 'the Bitbucket form with an error');
  await dialog.getByRole('textbox', { name: 'Workspace', exact: true }).fill(bitbucket.workspace);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

  await page.getByText('still processing').waitFor({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: 'ready for review' }).waitFor({ timeout: 120_000 });
  assert.equal(await page.getByTestId('bitbucket-count').textContent(), '1 workspace');
  assert.equal(await page.getByTestId('domain-count').textContent(), '0 domains');
  assert.equal(
    await page.evaluate(() => (globalThis as unknown as { palisadeNoReload?: boolean }).palisadeNoReload),
    true,
  );

  // The Bitbucket row, expanded: the workspace as the server names its domain, its chip, Success.
  const { connections } = await apiGet<{ connections: { domains: { host: string }[] }[] }>(
    page,
    '/api/v1/connections',
  );
  const host = connections[0]?.domains[0]?.host ?? '';
  assert.match(host, /^bitbucket\.org/);
  const row = page.locator(`#bitbucket-domains tr[data-domain="${host}"]`);
  await row.getByText('Success', { exact: true }).waitFor();
  await row.getByRole('listitem').filter({ hasText: 'Bitbucket' }).waitFor();
  assert.match(
    (await row.getByTestId('api-key').textContent()) ?? '',
    new RegExp(`•+${bitbucket.accessToken.slice(-4)}$`),
  );
  assert.equal(
    await page.getByRole('button', { name: 'Bitbucket', exact: true }).getAttribute('aria-expanded'),
    'true',
  );
  await page.getByRole('button', { name: `Reconnect ${host}`, exact: true }).waitFor();
  await checkPageInBothThemes(page, 'integrations-bitbucket');

  // Findings filtered to the Bitbucket product: the public repository fails.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Findings', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
  await page.getByRole('combobox', { name: 'Product', exact: true }).click();
  await page.getByRole('option', { name: 'bitbucket', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.waitForURL((u) => u.searchParams.getAll('product').join() === 'bitbucket');
  const publicRepo = page
    .locator('tr[data-finding-id][data-product="bitbucket"]')
    .filter({ hasText: 'bb_no_public_repos' })
    .filter({ hasText: 'acme/web' });
  await publicRepo.first().waitFor();
  // Every row is a Bitbucket finding. Read again for a while: a live update may redraw the table
  // between two reads of it (seen once in CI: the rows gone for a moment).
  const shown = () =>
    page
      .locator('tr[data-finding-id]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-product')));
  let products = await shown();
  for (let i = 0; i < 50 && products.length === 0; i++) {
    await page.waitForTimeout(200);
    products = await shown();
  }
  assert.deepEqual(new Set(products), new Set(['bitbucket']), 'every row is a Bitbucket finding');
  const { items } = await apiGet<{ items: Finding[] }>(
    page,
    '/api/v1/findings?product=bitbucket&rule=bb_no_public_repos',
  );
  assert.ok(
    items.some((f) => f.resource.name === 'acme/web' && f.status === 'open'),
    'the server holds bb_no_public_repos open on acme/web',
  );
  assertNoPageErrors(page, 'the Bitbucket journey');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMailServer } from '../notify/receivers.ts';
import { browserSkipReason, checkPageInBothThemes, launchBrowser } from './browser.ts';
import { apiGet, setUpOwnerOnIntegrations, until } from './integrations-support.ts';
import { startWebServer } from './web-server.ts';

// Zscaler's Integrations window in the browser, the token way: Add → the consent (read-only) →
// the token form → "still processing" → success and the domain count, live (no reload) → the
// "domain ready" e-mail → a wrong API Key refused while the old one keeps working → Delete.

type Scans = { items: { trigger: string; status: string }[] };

test('an owner adds Acme with the token form, sees it processing then ready without a reload, gets the e-mail, keeps the old key when a wrong one is refused, grants the write consent and deletes the domain', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const smtp = await startMailServer();
  t.after(() => smtp.stop());
  const web = await startWebServer({
    env: { PALISADE_SMTP_URL: smtp.url, PALISADE_MAIL_FROM: 'Palisade <palisade@acme.test>' },
  });
  t.after(() => web.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const { admin, orgApiKey } = web.sim.info.credentials;

  await setUpOwnerOnIntegrations(page, web.setupUrl);
  assert.equal(await page.getByTestId('domain-count').textContent(), '0 domains');
  await checkPageInBothThemes(page, 'integrations-empty');
  // A marker that a reload would wipe: everything below happens on this one page load.
  await page.evaluate(() => {
    (globalThis as unknown as { palisadeNoReload: boolean }).palisadeNoReload = true;
  });

  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Atlassian' });
  await dialog.getByText('All privileges are read-only').waitFor();
  for (const scope of ['offline_access', 'read:jira-work', 'read:audit-log:confluence'])
    await dialog.getByRole('cell', { name: scope, exact: true }).waitFor();
  await checkPageInBothThemes(page, 'integrations-consent');
  await dialog.getByRole('button', { name: 'I agree: connect with an API token' }).click();
  const generate = dialog.getByRole('link', { name: 'Generate an API key' });
  assert.match((await generate.getAttribute('href')) ?? '', /^https:\/\/id\.atlassian\.com\//);
  await dialog.getByLabel('Admin e-mail').fill(admin.email);
  await dialog.getByLabel('API token', { exact: true }).fill(admin.apiToken);
  await dialog.getByLabel('Org API key').fill(orgApiKey);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

  await page.getByText('still processing').waitFor({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: 'ready for review' }).waitFor({ timeout: 120_000 });
  const { connections } = await apiGet<{ connections: { id: string; domains: unknown[] }[] }>(
    page,
    '/api/v1/connections',
  );
  const [acme] = connections;
  assert.ok(acme, 'the connection is listed');
  const count = acme.domains.length;
  assert.ok(count >= 1);
  assert.equal(
    await page.getByTestId('domain-count').textContent(),
    `${count} ${count === 1 ? 'domain' : 'domains'}`,
  );
  assert.equal(
    await page.evaluate(() => (globalThis as unknown as { palisadeNoReload?: boolean }).palisadeNoReload),
    true,
  );

  // The "Atlassian" row folds and unfolds from the keyboard.
  const atlassian = page.getByRole('button', { name: 'Atlassian', exact: true });
  await atlassian.focus();
  await page.keyboard.press('Enter');
  assert.equal(await atlassian.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await atlassian.getAttribute('aria-expanded'), 'true');

  // Expanded: Zscaler's columns, one row per domain, Success.
  for (const header of ['Domain', 'API Key', 'First connected', 'Last Synced', 'Status'])
    await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
  const rows = page.locator('tr[data-domain]');
  assert.equal(await rows.count(), count);
  const host = (await rows.first().getAttribute('data-domain')) ?? '';
  const row = page.locator(`tr[data-domain="${host}"]`);
  await row.getByText('Success', { exact: true }).waitFor();
  assert.match(
    (await row.getByTestId('api-key').textContent()) ?? '',
    new RegExp(`•+${admin.apiToken.slice(-4)}$`),
  );
  assert.ok((await row.textContent())?.includes('by Ada Owner'));
  await checkPageInBothThemes(page, 'integrations');

  const [mail] = await smtp.waitFor(1, 90_000);
  assert.deepEqual(mail?.to, ['ada@example.com']);
  assert.match(mail?.subject ?? '', /domain is ready/i);

  // Edit with a wrong key: Atlassian refuses it, the old one stays.
  await page.getByRole('button', { name: `Edit ${host}`, exact: true }).click();
  await page.getByLabel(`New API Key for ${host}`).fill('not-the-token-at-all-1234');
  await page.getByRole('button', { name: `Save the API Key of ${host}` }).click();
  const confirmEdit = page.getByRole('dialog', { name: `Edit the API Key ${host}` });
  await confirmEdit.getByText('override the connection?').waitFor();
  await confirmEdit.getByRole('button', { name: 'Confirm', exact: true }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: `The API Key of ${host} was not changed` })
    .waitFor();
  assert.match(
    (await row.getByTestId('api-key').textContent()) ?? '',
    new RegExp(`${admin.apiToken.slice(-4)}$`),
  );
  assert.doesNotMatch(await page.content(), /not-the-token-at-all/);

  // The old key still works: Reconnect → Confirm → a rescan that succeeds.
  await page.getByRole('button', { name: `Reconnect ${host}`, exact: true }).click();
  await page
    .getByRole('dialog', { name: `Reconnect ${host}` })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await until('the reconnect scan to succeed', async () => {
    const { items } = await apiGet<Scans>(page, `/api/v1/connections/${acme.id}/scans`);
    return items.some((s) => s.trigger === 'reconnect' && s.status === 'success');
  });
  await row.getByText('Success', { exact: true }).waitFor();

  // The separate write consent for revocation: its own clearly named step, then granted.
  const writeStep = page.getByRole('region', { name: /Separate step: write consent for revocation/ });
  await writeStep.getByText('Not granted').waitFor();
  await writeStep.getByLabel('Site admin e-mail').fill(admin.email);
  await writeStep.getByLabel('Site admin API token').fill(admin.apiToken);
  await writeStep.getByRole('button', { name: /^Grant write consent for / }).click();
  await writeStep.getByText(`Granted (key ••••${admin.apiToken.slice(-4)})`).waitFor();

  // Delete with Confirm: the domain leaves the list and the count drops, still without a reload.
  await page.getByRole('button', { name: `Delete ${host}`, exact: true }).click();
  await page
    .getByRole('dialog', { name: `Delete ${host}` })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await row.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('domain-count').textContent(), '0 domains');
  assert.equal(
    await page.evaluate(() => (globalThis as unknown as { palisadeNoReload?: boolean }).palisadeNoReload),
    true,
  );
});

import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Browser, browserSkipReason, checkPageInBothThemes, launchBrowser } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';

// The Settings page as an owner (invite a person and grant the apps:revoke right, an API token
// shown once then revoked, a signed webhook channel's "Send a test" reaching a receiver this test
// runs) and as a viewer (actions disabled with the reason). One server and browser for both.

const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery staple' };
const VIEWER = { name: 'Vic Viewer', email: 'vic@example.com', password: 'viewer horse battery staple' };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const skip = browserSkipReason();
let web: WebServer;
let browser: Browser;
let page: Page;
const received: Received[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    response.writeHead(204).end();
  });
});
let receiverHost = '';
/** The owner's API token, kept to create the viewer (bearer tokens need no CSRF token). */
let ownerToken = '';
let orgName = '';

before(async () => {
  if (skip) return;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverHost = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  web = await startWebServer({ notifyAllowHosts: [receiverHost] });
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await web?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function openSection(label: string, heading?: string): Promise<void> {
  await page.getByRole('tab', { name: label, exact: true }).click();
  await page.getByRole('tab', { name: label, exact: true, selected: true }).waitFor();
  if (heading) await page.getByText(heading, { exact: true }).first().waitFor();
  await page.getByLabel(/^Loading/).waitFor({ state: 'detached' });
}

function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers['x-palisade-timestamp']);
  const signature = String(headers['x-palisade-signature']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return (
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

test('an owner invites a person with a role, grants them the apps:revoke right, sees it in the people list, and deactivates and reactivates them', {
  skip,
  timeout: 180_000,
}, async () => {
  await page.goto(web.setupUrl);
  await page.getByLabel('Name', { exact: true }).fill(OWNER.name);
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the owner' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByRole('table', { name: 'People' }).waitFor();

  const invite = page.getByRole('form', { name: 'Invite a person' });
  await invite.getByLabel('Name', { exact: true }).fill('Bea Analyst');
  await invite.getByLabel('Email', { exact: true }).fill('bea@example.com');
  await invite.getByLabel('Role', { exact: true }).click();
  await page.getByRole('option', { name: 'Analyst' }).click();
  await invite.getByRole('button', { name: 'Invite' }).click();
  const link = await page.getByTestId('secret-once').textContent();
  assert.match(
    link ?? '',
    new RegExp(`^${web.url}/invite\\?token=[\\w-]+`),
    'the one-time invite link is shown',
  );
  await page
    .getByRole('row', { name: /Bea Analyst/ })
    .getByText('Invited')
    .waitFor();
  await checkPageInBothThemes(page, 'settings-people');

  const right = page.getByRole('switch', { name: 'apps:revoke right for Bea Analyst' });
  assert.equal(await right.isChecked(), false);
  await right.focus();
  await page.keyboard.press('Space');
  await page
    .getByRole('row', { name: /Bea Analyst/ })
    .getByText('Granted')
    .waitFor();
  // Stored, not only switched: a reload shows it granted.
  await page.reload();
  await page
    .getByRole('row', { name: /Bea Analyst/ })
    .getByText('Granted')
    .waitFor();
  assert.equal(
    await page.getByRole('switch', { name: 'apps:revoke right for Bea Analyst' }).isChecked(),
    true,
  );
  assert.equal(
    await page.getByRole('switch', { name: `apps:revoke right for ${OWNER.name}` }).isChecked(),
    false,
  );

  // Deactivated (after a confirmation naming them), then reactivated; nobody deactivates themselves.
  await page.getByRole('button', { name: 'Deactivate Bea Analyst' }).click();
  await page
    .getByRole('dialog', { name: 'Deactivate Bea Analyst?' })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await page
    .getByRole('row', { name: /Bea Analyst/ })
    .getByText('Deactivated')
    .waitFor();
  await page.getByRole('button', { name: 'Reactivate Bea Analyst' }).click();
  await page
    .getByRole('row', { name: /Bea Analyst/ })
    .getByText('Invited')
    .waitFor();
  assert.equal(await page.getByRole('button', { name: `Deactivate ${OWNER.name}` }).isDisabled(), true);
  await page.getByText('You cannot deactivate your own account.').waitFor();

  await openSection('Roles');
  await page.getByRole('table', { name: 'What each role may do' }).waitFor();
  await page
    .getByRole('row', { name: /apps:revoke/ })
    .getByText('granted per person')
    .first()
    .waitFor();
  await checkPageInBothThemes(page, 'settings-roles');
});

test('an API token is shown once with a copy button, works, and stops working when revoked', {
  skip,
  timeout: 120_000,
}, async () => {
  await openSection('API tokens');
  await page.getByLabel('Token name').fill('ci');
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = (await page.getByTestId('secret-once').textContent()) ?? '';
  assert.match(shown, /^pls_\S+$/);
  await page.getByRole('button', { name: 'Copy the API token' }).waitFor();
  ownerToken = shown;
  const asToken = () => fetch(`${web.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${shown}` } });
  assert.equal((await asToken()).status, 200);
  await checkPageInBothThemes(page, 'settings-tokens');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('secret-once').waitFor({ state: 'detached' });
  assert.equal((await page.content()).includes(shown), false, 'the token is not shown again');
  await page.getByRole('row', { name: /^ci / }).getByText('Active').waitFor();
  await page
    .getByRole('row', { name: /^ci / })
    .getByText(`…${shown.slice(-4)}`)
    .waitFor();

  // Keep the token for the viewer test: create the viewer with it before it is revoked.
  const created = await fetch(`${web.url}/api/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...VIEWER, role: 'viewer' }),
  });
  assert.equal(created.status, 201);
  // And connect the simulated Acme organization, for the schedule.
  const { credentials } = web.sim.info;
  const connected = await fetch(`${web.url}/api/v1/connections`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      method: 'api-token',
      adminEmail: credentials.admin.email,
      apiToken: credentials.admin.apiToken,
      orgApiKey: credentials.orgApiKey,
    }),
  });
  assert.equal(connected.status, 201, await connected.clone().text());
  orgName = ((await connected.json()) as { connection: { orgName: string } }).connection.orgName;

  await page.getByRole('button', { name: 'Revoke ci' }).click();
  await page.getByRole('dialog', { name: 'Revoke ci?' }).getByRole('button', { name: 'Confirm' }).click();
  await page
    .getByRole('row', { name: /^ci / })
    .getByText(/^Revoked/)
    .waitFor();
  assert.equal((await asToken()).status, 401);
});

test('a webhook channel is added with its URL masked and "Send a test" delivers a signed request, shown as delivered', {
  skip,
  timeout: 120_000,
}, async () => {
  await openSection('Notifications');
  const hookUrl = `http://${receiverHost}/palisade-hook`;
  await page.getByLabel('Channel name').fill('SIEM');
  await page.getByLabel('Webhook URL').fill(hookUrl);
  await page.getByRole('button', { name: 'Add channel' }).click();
  const secret = (await page.getByTestId('secret-once').textContent()) ?? '';
  assert.ok(secret.length >= 16, 'the signing secret is shown once');
  const row = page.getByRole('row', { name: /^SIEM / });
  await row.getByText(`${receiverHost} …hook`).waitFor();
  assert.equal((await page.content()).includes(hookUrl), false, 'the webhook URL is never shown');
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Send a test to SIEM' }).click();
  await page.getByRole('status').filter({ hasText: 'Test delivered to SIEM' }).waitFor();
  // The test, not a queued message (the Acme scan's own events may reach the channel as well).
  const tests = received.filter((r) => r.body.includes('"channel.test"'));
  assert.equal(tests.length, 1, 'the receiver got the test');
  const [request] = tests;
  assert.ok(
    request && verify(secret, request.headers, request.body),
    'the request is signed with the secret',
  );
  const body = JSON.parse(request.body) as { source: string; events: { type: string }[] };
  assert.equal(body.source, 'palisade');
  assert.equal(body.events[0]?.type, 'channel.test');
  await row.getByText('None').waitFor();
  assert.notEqual((await row.getByRole('cell').nth(5).textContent())?.trim(), 'N/A', 'last delivered is set');

  await page.getByRole('switch', { name: 'Hourly digest' }).last().click();
  await page.getByRole('button', { name: 'Save my notifications' }).click();
  await page.getByRole('status').filter({ hasText: 'Your notification settings are saved' }).waitFor();
  await checkPageInBothThemes(page, 'settings-notifications');

  await openSection('Schedule');
  await page.getByText(/Server default: every 6 h/).waitFor();
  const schedule = page.getByRole('row', { name: new RegExp(`^${orgName} `) });
  await schedule.getByText('every 6 h', { exact: true }).waitFor();
  await schedule.locator(`input[aria-label="Scan interval of ${orgName}"]`).click();
  await page.getByRole('option', { name: 'Every 12 h' }).click();
  await schedule.getByRole('button', { name: `Save the schedule of ${orgName}` }).click();
  await schedule.getByText('every 12 h', { exact: true }).waitFor();
  await checkPageInBothThemes(page, 'settings-schedule');
  await openSection('OAuth app');
  await page.getByText('Not configured').waitFor();
  await page.getByText('PALISADE_OAUTH_CLIENT_ID').waitFor();
  await checkPageInBothThemes(page, 'settings-oauth');
  await openSection('Scan health');
  await page.getByText('No job has failed every attempt.').waitFor();
  await checkPageInBothThemes(page, 'settings-scan-health');
});

test('a viewer sees the Settings actions they may not take disabled, with the reason', {
  skip,
  timeout: 120_000,
}, async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email', { exact: true }).fill(VIEWER.email);
  await page.getByLabel('Password', { exact: true }).fill(VIEWER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.goto(`${web.url}/settings/people`);
  await page.getByText('Your role (viewer) does not allow this (it needs users:read).').waitFor();

  await openSection('Notifications');
  const add = page.getByRole('button', { name: 'Add a channel' });
  assert.equal(await add.isDisabled(), true);
  const reason = 'Your role (viewer) does not allow this (it needs notifications:manage).';
  assert.equal(
    await add.getAttribute('aria-describedby').then((id) => page.locator(`#${cssId(id)}`).textContent()),
    reason,
  );
  // Their own e-mail preferences stay theirs to change.
  assert.equal(await page.getByRole('button', { name: 'Save my notifications' }).isDisabled(), false);
  await checkPageInBothThemes(page, 'settings-viewer');

  await openSection('Schedule');
  const save = page.getByRole('button', { name: `Save the schedule of ${orgName}` });
  assert.equal(await save.isDisabled(), true);
  await page.getByText('Your role (viewer) does not allow this (it needs connections:manage).').waitFor();
  assert.equal(await page.locator(`input[aria-label="Scan interval of ${orgName}"]`).isDisabled(), true);

  await openSection('Scan health');
  await page.getByText('Your role (viewer) does not allow this (it needs jobs:read).').waitFor();
});

/** An id from React's useId (":r1:") as a CSS selector. */
function cssId(id: string | null): string {
  return (id ?? '').replace(/:/g, '\\:');
}

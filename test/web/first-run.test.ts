import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSkipReason, checkPageInBothThemes, launchBrowser } from './browser.ts';
import { startWebServer } from './web-server.ts';

// Issue 13's fixed words: the navigation links and the sign-in fields.
const NAV = [
  'Overview',
  'Integrations',
  'Findings',
  'Apps',
  'Compliance',
  'Exceptions',
  'Audit log',
  'Settings',
];
const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery staple' };

test('the setup link creates the owner, who signs out, signs in again and opens every page of the navigation', {
  skip: browserSkipReason(),
  timeout: 180_000,
}, async (t) => {
  const web = await startWebServer();
  t.after(() => web.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();

  await page.goto(web.setupUrl);
  await page.getByRole('heading', { name: 'Create the owner' }).waitFor();
  await checkPageInBothThemes(page, 'setup');
  await page.getByLabel('Name', { exact: true }).fill(OWNER.name);
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the owner' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  assert.equal(await page.getByTestId('current-user').textContent(), OWNER.name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Palisade' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /e-mail|password|credentials/i })
    .waitFor();
  await checkPageInBothThemes(page, 'sign-in');
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

  // The header's toggle switches the theme, and the choice survives a reload.
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await page.locator('html[data-mantine-color-scheme="dark"]').waitFor({ state: 'attached' });
  await page.reload();
  await page.getByRole('button', { name: 'Switch to the light theme' }).click();
  await page.locator('html[data-mantine-color-scheme="light"]').waitFor({ state: 'attached' });

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of NAV) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    // The page's data has loaded (a table, or what it says when there is none).
    await page.getByLabel(/^Loading/).waitFor({ state: 'detached' });
    await checkPageInBothThemes(page, label.toLowerCase().replace(/ /g, '-'));
  }
});

import type { Page } from 'playwright-core';

// Shared steps of the Integrations browser tests: the first-run owner, and reading the API from
// inside the signed-in page (same origin, its session cookie) to check what the UI claims.

export const OWNER = {
  name: 'Ada Owner',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};

/** The setup link → the owner created and signed in → the Integrations page. */
export async function setUpOwnerOnIntegrations(page: Page, setupUrl: string): Promise<void> {
  await page.goto(setupUrl);
  await page.getByLabel('Name', { exact: true }).fill(OWNER.name);
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the owner' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Integrations', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
  await page.getByTestId('domain-count').waitFor();
}

/** GET from the page's own session. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p} answered ${res.status}`);
    return res.json();
  }, path) as Promise<T>;
}

/** Polls until `check` is true (the page's data moves by itself through live events). */
export async function until(what: string, check: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core (no browser download). As root it needs
// --no-sandbox; the other flags keep it off the network this machine does not have. Where
// /usr/bin/chromium is missing, browser tests fail in CI (CI is set: .ci/run installs it) and are
// skipped with this message elsewhere, so a laptop without Chromium can still run the suite.

export const CHROMIUM = '/usr/bin/chromium';
/** Where the UI keeps the chosen theme (web/src/main.tsx). */
export const COLOR_SCHEME_KEY = 'palisade-color-scheme';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here (undefined: they can). Throws in CI: a missing browser is a failure there. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const message = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)`;
  if (process.env.CI) throw new Error(`browser tests cannot run in CI: ${message}`);
  return `browser test skipped: ${message}`;
}

export interface Browser {
  context: BrowserContext;
  /** A new tab; its uncaught script errors are collected for `checkPageInBothThemes`. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Fails naming the page's uncaught script errors so far. */
export function assertNoPageErrors(page: Page, where: string): void {
  assert.deepEqual(pageErrors.get(page) ?? [], [], `${where} threw in the browser`);
}

/** Headless Chromium with a fresh profile (its own user data dir, removed on close). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'palisade-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (error) => errors.push(error.message));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Fails naming every serious or critical accessibility violation on the page (axe-core). */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  // Colours are judged at rest: a dialog fading in has its text at partial opacity, which axe
  // reads as too little contrast (seen in CI on the Add dialog's title).
  await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } })
      .document;
    await Promise.all(doc.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${where} has accessibility violations`,
  );
}

export type Theme = 'light' | 'dark';

interface BrowserGlobals {
  localStorage: { setItem(key: string, value: string): void };
  dispatchEvent(event: unknown): boolean;
  StorageEvent: new (type: string, init: { key: string; newValue: string; storageArea: unknown }) => unknown;
}

/**
 * Switches the theme as the header's toggle does (it stores the choice, the app follows the
 * store's event), and the system preference for pages without the toggle (sign-in, setup).
 */
export async function switchTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate(
    ([key, value]) => {
      // Runs in the page: the DOM's types are not this (Node) project's.
      const page = globalThis as unknown as BrowserGlobals;
      page.localStorage.setItem(key, value);
      page.dispatchEvent(
        new page.StorageEvent('storage', { key, newValue: value, storageArea: page.localStorage }),
      );
    },
    [COLOR_SCHEME_KEY, theme] as const,
  );
  await page.locator(`html[data-mantine-color-scheme="${theme}"]`).waitFor({ state: 'attached' });
}

/** Writes test-results/screenshots/<name>-<theme>.png; returns its path. */
export async function screenshot(page: Page, name: string, theme: Theme): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}-${theme}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The page in both themes: axe-clean in each, a screenshot of each; ends in the light theme. */
export async function checkPageInBothThemes(page: Page, name: string): Promise<string[]> {
  const written: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await switchTheme(page, theme);
    assertNoPageErrors(page, `${name} (${theme})`);
    await assertAccessible(page, `${name} (${theme})`);
    written.push(await screenshot(page, name, theme));
  }
  await switchTheme(page, 'light');
  return written;
}

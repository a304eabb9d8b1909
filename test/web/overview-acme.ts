import type { TestContext } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { type Browser, launchBrowser } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';

// The set-up the Overview, Compliance, Exceptions and Audit log browser tests share: a real server
// with the owner created through the setup link, the Acme organization connected with the token
// form's API call and its first scan finished, and a browser tab signed in as the owner (the
// browser context holds the session cookie the API calls set).

export const OWNER = {
  name: 'Ada Owner',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};

export interface ScannedAcme {
  web: WebServer;
  browser: Browser;
  page: Page;
  connectionId: string;
  /** A call as the signed-in owner (CSRF token included); fails naming the answer unless 2xx. */
  call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', path: string, body?: unknown): Promise<T>;
  /** Scans Acme once more (a manual scan) and waits until the Overview counts its evaluation. */
  scanAgain(): Promise<void>;
}

async function checked<T>(
  request: APIRequestContext,
  method: string,
  url: string,
  csrf: string,
  body?: unknown,
): Promise<T> {
  const answer = await request.fetch(url, {
    method,
    headers: { 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await answer.text();
  if (!answer.ok()) throw new Error(`${method} ${url} answered ${answer.status()}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function startScannedAcme(t: TestContext): Promise<ScannedAcme> {
  const web = await startWebServer();
  t.after(() => web.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  return connectAndScan(web, browser);
}

/** The owner set up, the simulator's organization connected and scanned once (bench/ui.ts too). */
export async function connectAndScan(
  web: WebServer,
  browser: Browser,
  timeoutMs = 120_000,
): Promise<ScannedAcme> {
  const request = browser.context.request;
  const token = new URL(web.setupUrl).searchParams.get('token');
  await checked(request, 'POST', `${web.url}/api/v1/setup`, '', { token, ...OWNER });
  const session = await checked<{ csrfToken: string }>(request, 'GET', `${web.url}/api/v1/session`, '');
  const csrf = session.csrfToken;
  const call = <T>(method: string, path: string, body?: unknown) =>
    checked<T>(request, method, `${web.url}${path}`, csrf, body);

  const { admin, orgApiKey } = web.sim.info.credentials;
  const created = await call<{ connection: { id: string } }>('POST', '/api/v1/connections', {
    method: 'api-token',
    adminEmail: admin.email,
    apiToken: admin.apiToken,
    orgId: web.sim.info.org.id,
    orgApiKey,
  });
  const connectionId = created.connection.id;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const view = await call<{ status: { state: string; reason?: string }; lastSync: unknown }>(
      'GET',
      `/api/v1/connections/${encodeURIComponent(connectionId)}`,
    );
    if (view.status.state === 'error')
      throw new Error(`the first scan of Acme failed: ${view.status.reason}`);
    if (view.status.state === 'success' && view.lastSync) break;
    if (performance.now() > deadline)
      throw new Error(`the first scan of Acme did not end: ${view.status.state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const page = await browser.newPage();
  const evaluations = async () =>
    (await call<{ connections: { history: unknown[] }[] }>('GET', '/api/v1/overview')).connections[0]?.history
      .length ?? 0;
  const scanAgain = async () => {
    const before = await evaluations();
    await call('POST', `/api/v1/connections/${encodeURIComponent(connectionId)}/scans`);
    const until = performance.now() + timeoutMs;
    while ((await evaluations()) <= before) {
      if (performance.now() > until) throw new Error('the second scan of Acme did not finish');
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  return { web, browser, page, connectionId, call, scanAgain };
}

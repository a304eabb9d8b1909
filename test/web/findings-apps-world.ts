import assert from 'node:assert/strict';
import type { WebServer } from './web-server.ts';

// The set-up of the Findings and Apps browser tests: the demo organization ("Acme") connected
// through the API with the token form's fields (connecting is the Integrations page's job) and
// its first scan finished, a person with the apps:revoke right, a viewer, and the connection's
// write consent.

export const OWNER = {
  name: 'Ada Owner',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};
export const REVOKER = {
  name: 'Rae Revoker',
  email: 'rae@example.com',
  password: 'revoker horse battery staple',
};
export const VIEWER = {
  name: 'Vic Viewer',
  email: 'vic@example.com',
  password: 'viewer horse battery staple',
};
/** A Connect app of the demo tenant installed on acme's Jira (simulator/scenarios/demo). */
export const CONNECT = 'com.harbortools.admin-toolkit';

export interface Client {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The owner, through the API with the session cookie and CSRF token the browser would use. */
export async function ownerClient(web: WebServer): Promise<Client> {
  const token = new URL(web.setupUrl).searchParams.get('token');
  assert.ok(token, 'the setup link carries a token');
  const setup = await fetch(`${web.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...OWNER }),
  });
  assert.equal(setup.status < 300, true, await setup.clone().text());
  const cookie = (setup.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const session = (await (await fetch(`${web.url}/api/v1/session`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${web.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      assert.ok(response.ok, `${method} ${path} → ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

interface Connections {
  connections: {
    id: string;
    status: { state: string; reason?: string };
    domains: { host: string; cloudId: string }[];
  }[];
}

/** Acme connected with the token form's fields, its first scan finished, a revoker, a viewer, write consent. */
export async function scannedAcme(web: WebServer, owner: Client) {
  const { info } = web.sim;
  const created = await owner.call<{ connection: { id: string } }>('POST', '/api/v1/connections', {
    method: 'api-token',
    adminEmail: info.credentials.admin.email,
    apiToken: info.credentials.admin.apiToken,
    orgId: info.org.id,
    orgApiKey: info.credentials.orgApiKey,
    siteUrls: info.sites.map((s) => s.url),
  });
  const id = created.connection.id;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { connections } = await owner.call<Connections>('GET', '/api/v1/connections');
    const state = connections.find((c) => c.id === id)?.status;
    if (state?.state === 'success') break;
    assert.notEqual(state?.state, 'error', `the first scan failed: ${state?.reason}`);
    assert.ok(Date.now() < deadline, `the first scan did not finish in time (${JSON.stringify(state)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  await owner.call('POST', '/api/v1/users', { ...REVOKER, role: 'admin', rights: ['apps:revoke'] });
  await owner.call('POST', '/api/v1/users', { ...VIEWER, role: 'viewer' });
  await owner.call('POST', `/api/v1/connections/${id}/write-consent`, {
    adminEmail: info.credentials.admin.email,
    apiToken: info.credentials.admin.apiToken,
  });
  return id;
}

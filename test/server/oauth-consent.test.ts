import assert from 'node:assert/strict';
import { CONSENT_SCOPES } from '../../src/connections/oauth/consent-scopes.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server.ts';
import { locationOf, signedIn } from './oauth-support.ts';

// Palisade's own consent step, before Atlassian's: the read-only scopes and what each collects, the
// form that goes on to Atlassian with the session's CSRF token, and the `state` that binds the
// consent to the session that started it.

const START = '/api/v1/connections/oauth/start';
const AUTHORIZE = '/api/v1/connections/oauth/authorize';
const CALLBACK = '/api/v1/connections/oauth/callback';
const OAUTH = {
  clientId: 'palisade-client-id',
  clientSecret: 'client-secret-never-shown-0123456789',
  redirectUrl: 'https://palisade.example.com/api/v1/connections/oauth/callback',
};

const start = (database: Parameters<typeof startTestServer>[0], oauth: typeof OAUTH | null = OAUTH) =>
  startTestServer(database, {
    settings: { ...(oauth ? { oauth } : {}), publicUrl: 'https://palisade.example.com' },
  });

async function authorize(
  server: TestServer,
  who: { cookie: string; csrfToken: string },
  connectionId?: string,
) {
  return server.app.inject({
    method: 'POST',
    url: AUTHORIZE,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      csrf_token: who.csrfToken,
      ...(connectionId ? { connectionId } : {}),
    }).toString(),
  });
}

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

forEachDatabase(
  'the consent page lists every scope with the data it collects, all read-only',
  async (_t, database) => {
    const server = await start(database);
    const ada = await signedIn(database.db, server.clock.now);
    const page = await server.app.inject({ method: 'GET', url: START, headers: { cookie: ada.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    const html = decode(page.body);
    assert.match(html, /All privileges are read-only/);
    for (const s of CONSENT_SCOPES) {
      assert.ok(html.includes(s.scope), `${s.scope} is listed`);
      assert.ok(html.includes(s.data), `what ${s.scope} collects is listed`);
    }
    assert.doesNotMatch(html, /<code>(write|manage):/);
    assert.match(html, /API token/, 'the app inventory still needs an API token');
    assert.match(html, /Continue to Atlassian/);
    assert.ok(
      page.body.includes(`name="csrf_token" value="${ada.csrfToken}"`),
      'the form carries the CSRF token',
    );
    assert.doesNotMatch(page.body, /<script|https?:\/\/(?!palisade)/, 'no script, no external asset');

    const json = await server.app.inject({
      method: 'GET',
      url: START,
      headers: { cookie: ada.cookie, accept: 'application/json' },
    });
    assert.equal(json.statusCode, 200);
    const body = json.json();
    assert.equal(body.readOnly, true);
    assert.deepEqual(
      body.scopes.map((s: { scope: string }) => s.scope),
      CONSENT_SCOPES.map((s) => s.scope),
    );
    assert.equal(body.authorizeUrl, AUTHORIZE);
    assert.doesNotMatch(page.body + json.body, new RegExp(OAUTH.clientSecret));
    await server.app.close();
  },
);

forEachDatabase(
  'without an OAuth app configured the start names the three settings',
  async (_t, database) => {
    const server = await start(database, null);
    const ada = await signedIn(database.db, server.clock.now);
    const res = await server.app.inject({ method: 'GET', url: START, headers: { cookie: ada.cookie } });
    assert.equal(res.statusCode, 403);
    const { error } = res.json();
    assert.equal(error.code, 'oauth_not_configured');
    for (const name of [
      'PALISADE_OAUTH_CLIENT_ID',
      'PALISADE_OAUTH_CLIENT_SECRET',
      'PALISADE_OAUTH_REDIRECT_URL',
    ])
      assert.match(error.message, new RegExp(name));
    await server.app.close();
  },
);

forEachDatabase(
  'an analyst may not start a connection and nobody may without signing in',
  async (_t, database) => {
    const server = await start(database);
    const analyst = await signedIn(database.db, server.clock.now, { role: 'analyst' });
    const refused = await server.app.inject({
      method: 'GET',
      url: START,
      headers: { cookie: analyst.cookie },
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'permission_required');
    const anonymous = await server.app.inject({ method: 'GET', url: START });
    assert.equal(anonymous.statusCode, 401);
    await server.app.close();
  },
);

forEachDatabase(
  'continuing to Atlassian needs the CSRF token and redirects with every scope and a state',
  async (_t, database) => {
    const server = await start(database);
    const ada = await signedIn(database.db, server.clock.now);
    const forged = await authorize(server, { cookie: ada.cookie, csrfToken: 'not-the-token' });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().error.code, 'csrf_required');

    const res = await authorize(server, ada);
    assert.equal(res.statusCode, 303);
    const to = locationOf(res.headers);
    assert.equal(`${to.origin}${to.pathname}`, 'https://auth.atlassian.com/authorize');
    const q = to.searchParams;
    assert.equal(q.get('audience'), 'api.atlassian.com');
    assert.equal(q.get('client_id'), OAUTH.clientId);
    assert.equal(q.get('redirect_uri'), OAUTH.redirectUrl);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('prompt'), 'consent');
    assert.deepEqual(
      q.get('scope')?.split(' '),
      CONSENT_SCOPES.map((s) => s.scope),
    );
    const state = q.get('state') ?? '';
    assert.ok(state.length >= 32);
    const stored = await database.db.selectFrom('oauth_states').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.state_hash, state, 'only a hash of the state is stored');
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'connection.oauth.start')
      .execute();
    assert.equal(audit.length, 1);
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(state));

    const withHeader = await server.app.inject({
      method: 'POST',
      url: AUTHORIZE,
      headers: { cookie: ada.cookie, 'x-csrf-token': ada.csrfToken, 'content-type': 'application/json' },
      payload: {},
    });
    assert.equal(withHeader.statusCode, 303, 'the header works as well as the form field');
    await server.app.close();
  },
);

forEachDatabase(
  'a state is bound to its session, expires after 10 minutes and is used once',
  async (_t, database) => {
    const server = await start(database);
    const ada = await signedIn(database.db, server.clock.now);
    const eve = await signedIn(database.db, server.clock.now);
    const stateOf = async () =>
      locationOf((await authorize(server, ada)).headers).searchParams.get('state') ?? '';
    const callback = (who: { cookie: string }, query: Record<string, string>) =>
      server.app.inject({
        method: 'GET',
        url: `${CALLBACK}?${new URLSearchParams(query)}`,
        headers: { cookie: who.cookie },
      });
    const errorOf = (res: Awaited<ReturnType<typeof callback>>) => {
      assert.equal(res.statusCode, 303);
      const to = locationOf(res.headers);
      assert.equal(`${to.origin}${to.pathname}`, 'https://palisade.example.com/integrations');
      return to.searchParams.get('error');
    };

    // Another session's state (a link planted by someone else) is refused, and burnt.
    const planted = await stateOf();
    assert.equal(
      errorOf(await callback(eve, { state: planted, code: 'attackers-code' })),
      'oauth_state_invalid',
    );
    assert.equal(
      errorOf(await callback(ada, { state: planted, error: 'access_denied' })),
      'oauth_state_invalid',
    );

    // Expired.
    const old = await stateOf();
    server.clock.advance(11 * 60_000);
    assert.equal(errorOf(await callback(ada, { state: old, error: 'access_denied' })), 'oauth_state_invalid');

    // Declined at Atlassian: a clear error, and the state cannot be used again.
    const fresh = await stateOf();
    assert.equal(errorOf(await callback(ada, { state: fresh, error: 'access_denied' })), 'oauth_declined');
    assert.equal(
      errorOf(await callback(ada, { state: fresh, error: 'access_denied' })),
      'oauth_state_invalid',
    );
    assert.equal(errorOf(await callback(ada, { code: 'x' })), 'oauth_state_invalid');
    assert.equal((await database.db.selectFrom('oauth_states').selectAll().execute()).length, 0);
    for (const line of server.logLines()) assert.doesNotMatch(line, /attackers-code/);
    await server.app.close();
  },
);

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { signedIn } from '../server/oauth-support.ts';

// What the Integrations page's Add needs from the server: the consent catalogue as JSON even
// without an OAuth app (the token form shows it too), and the way to Atlassian's consent as JSON
// (the page navigates itself: its CSP refuses a form redirected to another origin).

const START = '/api/v1/connections/oauth/start';
const AUTHORIZE = '/api/v1/connections/oauth/authorize';
const JSON_ACCEPT = 'application/json';
const OAUTH = {
  clientId: 'palisade-client-id',
  clientSecret: 'client-secret-never-shown-0123456789',
  redirectUrl: 'https://palisade.example.com/api/v1/connections/oauth/callback',
};

forEachDatabase(
  'the consent step lists the read-only permissions without an OAuth app and says OAuth is not available',
  async (t, database) => {
    const server = await startTestServer(database, {
      settings: { publicUrl: 'https://palisade.example.com' },
    });
    t.after(() => server.app.close());
    const ada = await signedIn(database.db, server.clock.now);
    const res = await server.app.inject({
      method: 'GET',
      url: START,
      headers: { cookie: ada.cookie, accept: JSON_ACCEPT },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.readOnly, true);
    assert.equal(body.oauthConfigured, false);
    assert.ok(body.scopes.some((s: { scope: string }) => s.scope === 'offline_access'));
    // The HTML consent page still refuses, naming the settings.
    const page = await server.app.inject({ method: 'GET', url: START, headers: { cookie: ada.cookie } });
    assert.equal(page.json().error.code, 'oauth_not_configured');
  },
);

forEachDatabase(
  'with an OAuth app the UI is told where Atlassian’s consent is, and the consent page may post on to Atlassian',
  async (t, database) => {
    const server = await startTestServer(database, {
      settings: { oauth: OAUTH, publicUrl: 'https://palisade.example.com' },
    });
    t.after(() => server.app.close());
    const ada = await signedIn(database.db, server.clock.now);
    const catalogue = await server.app.inject({
      method: 'GET',
      url: START,
      headers: { cookie: ada.cookie, accept: JSON_ACCEPT },
    });
    assert.equal(catalogue.json().oauthConfigured, true);
    const page = await server.app.inject({ method: 'GET', url: START, headers: { cookie: ada.cookie } });
    const auth = new URL(server.deps.settings.baseUrls.auth).origin;
    assert.match(String(page.headers['content-security-policy']), new RegExp(`form-action 'self' ${auth}`));

    const go = await server.app.inject({
      method: 'POST',
      url: AUTHORIZE,
      headers: {
        cookie: ada.cookie,
        accept: JSON_ACCEPT,
        'content-type': 'application/json',
        'x-csrf-token': ada.csrfToken,
      },
      payload: {},
    });
    assert.equal(go.statusCode, 200, go.body);
    const target = new URL(go.json().redirectUrl);
    assert.equal(target.origin, auth);
    assert.equal(target.pathname.endsWith('/authorize'), true);
    assert.equal(target.searchParams.get('client_id'), OAUTH.clientId);
    assert.ok(target.searchParams.get('state'));
    assert.doesNotMatch(go.body, new RegExp(OAUTH.clientSecret));
    // Without the CSRF token the same request is refused.
    const forged = await server.app.inject({
      method: 'POST',
      url: AUTHORIZE,
      headers: { cookie: ada.cookie, accept: JSON_ACCEPT, 'content-type': 'application/json' },
      payload: {},
    });
    assert.equal(forged.statusCode, 403);
  },
);

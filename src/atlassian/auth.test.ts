import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveAuth } from './auth.ts';
import { endpoint } from './catalogue/index.ts';
import type { Credentials, OAuthCredential } from './credentials.ts';
import { OAuthSession } from './oauth-session.ts';

// An OAuth connection reads Jira through the gateway with its 3LO token; UPM answers no 3LO token,
// so the API token pasted after the consent reads it on the site host (Zscaler's flow).

const site = { endpointId: 'upm.jira.list', method: 'GET', url: 'https://acme.atlassian.net' };
const oauth: OAuthCredential = {
  kind: 'oauth',
  clientId: 'client',
  clientSecret: 'secret-secret',
  tokens: {
    accessToken: 'access-token-1',
    refreshToken: 'refresh-1',
    expiresAt: Date.now() + 3_600_000,
    scopes: [],
  },
  onTokens: () => {},
};
const session = new OAuthSession({
  credential: oauth,
  exchange: async () => ({ status: 500, body: {} }),
  now: Date.now,
  site,
  redact: (t) => t,
});

test('an OAuth connection with a pasted API token reads UPM with that token on the site host', async () => {
  const credentials: Credentials = {
    site: oauth,
    siteHostToken: { kind: 'basic', email: 'admin@acme.com', apiToken: 'classic-token' },
  };
  const upm = resolveAuth(endpoint('upm.jira.list'), false, credentials, session, site);
  assert.equal(upm.provider.kind, 'basic');
  assert.equal(upm.via, 'site');
  assert.equal(
    await upm.provider.header(),
    `Basic ${Buffer.from('admin@acme.com:classic-token').toString('base64')}`,
  );
  const jira = resolveAuth(endpoint('jira.serverInfo.get'), false, credentials, session, site);
  assert.equal(jira.provider.kind, 'oauth');
  assert.equal(jira.via, 'gateway');
});

test('an OAuth connection without an API token is refused UPM, naming the API token it needs', () => {
  assert.throws(
    () => resolveAuth(endpoint('upm.jira.list'), false, { site: oauth }, session, site),
    /OAuth 2.0 \(3LO\) connection cannot call upm\.jira\.list; it needs an API token/,
  );
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect } from '../../simulator/routes/oauth-testing.ts';
import { type Harness, startHarness } from '../../simulator/testing/harness.ts';
import { TINY, tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { createAtlassianClient } from './client.ts';
import type { OAuthTokens } from './credentials.ts';
import { CredentialRejectedError, ForbiddenError } from './errors.ts';
import { counters, resetCounters, simulatorDeps, siteA } from './test-support.ts';

// OAuth 2.0 (3LO) connections: tokens from the simulator's real consent flow, calls through the
// api.atlassian.com/ex gateway, and the refresh of an expired token with a rotating refresh token.

let h: Harness;
let offset = 0;
// The client and the simulator share one clock the tests move; the tenant is built at that
// clock's start, so its credentials are valid whatever the date the suite runs on.
const now = () => Date.now() + offset;
const HOUR = 3_600_000;

before(async () => {
  h = await startHarness({ tenant: tinyTenant(new Date(now())), now });
});
after(() => h.stop());

async function consent(scope = 'read:jira-work read:jira-user offline_access'): Promise<OAuthTokens> {
  const t = await connect(h, scope);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    expiresAt: now() + t.expires_in * 1000,
    scopes: t.scope.split(' '),
  };
}

function oauthClient(tokens: OAuthTokens, onTokens: (t: OAuthTokens) => Promise<void> | void) {
  return createAtlassianClient({
    ...simulatorDeps(h),
    credentials: {
      site: { kind: 'oauth', clientId: TINY.oauthClientId, clientSecret: TINY.oauthSecret, tokens, onTokens },
    },
    now,
  });
}

const refreshState = (token: string | null) =>
  token ? h.sim.context.state.oauthRefreshTokens.get(token) : undefined;

test('an expired access token is refreshed once and the rotated refresh token persisted before use', async () => {
  const tokens = await consent();
  const saved: OAuthTokens[] = [];
  let callsWhenSaved = -1;
  const api = oauthClient(tokens, async (t) => {
    callsWhenSaved = (await counters(h)).calls['jira.projects.search'] ?? 0;
    saved.push(t);
  });
  const first = await api.call('jira.projects.search', { site: siteA(h) });
  assert.equal(first.values.length, 3);
  assert.equal(saved.length, 0, 'a valid token is not refreshed');

  offset += 2 * HOUR;
  await resetCounters(h);
  const second = await api.call('jira.projects.search', { site: siteA(h) });
  assert.equal(second.values.length, 3);
  assert.equal(saved.length, 1, 'one refresh');
  const persisted = saved[0] as OAuthTokens;
  assert.notEqual(persisted.refreshToken, tokens.refreshToken, 'the refresh token rotated');
  assert.equal(callsWhenSaved, 0, 'saved before the new access token was used');
  assert.equal(refreshState(tokens.refreshToken)?.used, true, 'the old refresh token is spent');
  assert.equal(refreshState(persisted.refreshToken)?.used, false, 'the persisted one is the live one');
  assert.ok(persisted.expiresAt > now());
  await api.close();
});

test('a 401 on a token the client thought valid triggers one refresh and a retry', async () => {
  const tokens = await consent();
  const saved: OAuthTokens[] = [];
  // The client's clock says the token has an hour left; the server's says it expired.
  const api = oauthClient({ ...tokens, expiresAt: now() + 10 * HOUR }, (t) => void saved.push(t));
  offset += 2 * HOUR;
  const page = await api.call('jira.projects.search', { site: siteA(h) });
  assert.equal(page.values.length, 3);
  assert.equal(saved.length, 1);
  assert.equal(api.stats().retries, 1);
  await api.close();
});

test('concurrent callers with an expired token share one refresh', async () => {
  const tokens = await consent();
  const saved: OAuthTokens[] = [];
  const api = oauthClient(tokens, (t) => void saved.push(t));
  offset += 2 * HOUR;
  await resetCounters(h);
  const pages = await Promise.all(
    Array.from({ length: 6 }, () => api.call('jira.projects.search', { site: siteA(h) })),
  );
  assert.ok(pages.every((p) => p.values.length === 3));
  assert.equal(saved.length, 1);
  assert.equal((await counters(h)).calls['oauth.token.exchange'], 1);
  await api.close();
});

test('a refused refresh token is CredentialRejectedError, asking to reconnect, after one attempt', async () => {
  const tokens = await consent();
  const api = oauthClient({ ...tokens, refreshToken: 'not-a-real-refresh-token-000000' }, () => {});
  offset += 2 * HOUR;
  await resetCounters(h);
  await assert.rejects(api.call('jira.projects.search', { site: siteA(h) }), (e) => {
    assert.ok(e instanceof CredentialRejectedError);
    assert.match(e.message, /reconnect/);
    assert.match(e.message, /invalid_grant/);
    return true;
  });
  const served = await counters(h);
  assert.equal(served.calls['oauth.token.exchange'], 1);
  assert.equal(served.calls['jira.projects.search'] ?? 0, 0);
  await api.close();
});

test('a failed save of rotated tokens fails the call and is retried before the next use', async () => {
  const tokens = await consent();
  const saved: OAuthTokens[] = [];
  let failSave = true;
  const api = oauthClient(tokens, (t) => {
    if (failSave) throw new Error('database unavailable');
    saved.push(t);
  });
  offset += 2 * HOUR;
  await assert.rejects(api.call('jira.projects.search', { site: siteA(h) }), /database unavailable/);
  failSave = false;
  await resetCounters(h);
  await api.call('jira.projects.search', { site: siteA(h) });
  assert.equal(saved.length, 1, 'saved on the next call');
  assert.equal((await counters(h)).calls['oauth.token.exchange'] ?? 0, 0, 'without refreshing again');
  assert.equal(refreshState(saved[0]?.refreshToken ?? null)?.used, false);
  await api.close();
});

test('a token without the endpoint’s scope gets a ForbiddenError naming the scope, without a refresh', async () => {
  const tokens = await consent('read:jira-user offline_access');
  const api = oauthClient(tokens, () => {});
  await resetCounters(h);
  await assert.rejects(api.call('jira.projects.search', { site: siteA(h) }), (e) => {
    // The gateway's 401 "Unauthorized; scope does not match" is a missing scope, not a revoked grant.
    assert.ok(e instanceof ForbiddenError);
    assert.equal(e.status, 401);
    assert.deepEqual(e.missing, ['read:jira-work']);
    assert.match(e.message, /lacks the scope read:jira-work/);
    assert.match(e.reason, /scope does not match/);
    return true;
  });
  assert.equal((await counters(h)).calls['oauth.token.exchange'] ?? 0, 0, 'no refresh for a missing scope');
  assert.equal(api.stats().retries, 0);
  await api.close();
});

test('an OAuth connection asked for an API-token-only endpoint is refused without a call', async () => {
  const api = oauthClient(await consent(), () => {});
  await assert.rejects(api.call('upm.jira.list', { site: siteA(h) }), ForbiddenError);
  assert.equal(api.stats().calls, 0);
  await api.close();
});

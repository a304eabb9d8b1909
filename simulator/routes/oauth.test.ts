import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import {
  authorize,
  authorizeUrl,
  CALLBACK,
  connect,
  decide,
  hiddenFields,
  MO_LOGIN,
  type Tokens,
  tokenRequest,
} from './oauth-testing.ts';

const START = Date.parse('2026-11-01T12:00:00Z');
let clock = START;
const h = useHarness({ now: () => clock });

const bearer = (t: Tokens) => `Bearer ${t.access_token}`;
const resources = (t: Tokens) => h.get(`${h.api}/oauth/token/accessible-resources`, bearer(t));

test('the full 3LO dance ends with a token that reaches the site the user chose', async () => {
  clock = START;
  const page = await fetch(
    authorizeUrl(h, { scope: 'read:jira-work read:jira-user offline_access', state: 's&1' }),
  );
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const html = await page.text();
  assert.match(html, /Palisade is requesting access to your Atlassian account/);
  assert.match(html, /Read project and issue data\. Search for issues/);
  assert.match(html, /View user information in Jira that you have access to/);
  assert.match(html, /value="s&amp;1"/);
  assert.match(html, /<option value="c0ffee00-0000-4000-8000-00000000000a">Acme — /);

  const answer = await decide(h, {
    ...hiddenFields(html),
    email: 'ada@acme.example',
    api_token: TINY.adminToken,
    site: TINY.siteA,
    decision: 'approve',
  });
  assert.equal(answer.status, 302);
  const location = new URL(answer.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
  assert.equal(location.searchParams.get('state'), 's&1');
  const code = location.searchParams.get('code') ?? '';
  assert.ok(code.length >= 32);

  const res = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const tokens = (await res.json()) as Tokens;
  assert.equal(tokens.expires_in, 3600);
  assert.equal(tokens.token_type, 'Bearer');
  assert.equal(tokens.scope, 'read:jira-work read:jira-user offline_access');
  assert.ok(tokens.refresh_token);

  const sites = await resources(tokens);
  assert.equal(sites.status, 200);
  assert.deepEqual(await sites.json(), [
    {
      id: TINY.siteA,
      url: h.siteA,
      name: 'acme',
      scopes: ['read:jira-work', 'read:jira-user'],
      avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png',
    },
  ]);

  const info = await h.get(`${h.api}/ex/jira/${TINY.siteA}/rest/api/3/serverInfo`, bearer(tokens));
  assert.equal(info.status, 200);
  assert.equal(((await info.json()) as { baseUrl: string }).baseUrl, h.siteA);
  const otherSite = await h.get(`${h.api}/ex/jira/${TINY.siteB}/rest/api/3/serverInfo`, bearer(tokens));
  assert.equal(otherSite.status, 401);
  const notGranted = await h.get(`${h.api}/ex/jira/${TINY.siteA}/rest/api/3/permissions`, bearer(tokens));
  assert.equal(notGranted.status, 401);
  assert.deepEqual(await notGranted.json(), { code: 401, message: 'Unauthorized; scope does not match' });
});

test('an authorization code can be exchanged only once', async () => {
  clock = START;
  const code = await authorize(h, 'read:jira-work');
  const first = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  assert.equal(first.status, 200);
  const again = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  assert.equal(again.status, 403);
  assert.deepEqual(await again.json(), {
    error: 'invalid_grant',
    error_description: 'Invalid authorization code',
  });
});

test('an authorization code expires after ten minutes', async () => {
  clock = START;
  const code = await authorize(h, 'read:jira-work');
  clock = START + 10 * 60_000 + 1;
  const res = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  assert.equal(res.status, 403);
  assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
  clock = START;
});

test('a code exchanged with another redirect_uri is refused and spent', async () => {
  clock = START;
  const code = await authorize(h, 'read:jira-work');
  const wrong = await tokenRequest(h, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://localhost/callback',
  });
  assert.equal(wrong.status, 403);
  assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_grant');
  const right = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  assert.equal(right.status, 403);
});

test('a wrong client secret is answered 401 access_denied and leaves the code usable', async () => {
  clock = START;
  const code = await authorize(h, 'read:jira-work');
  const res = await tokenRequest(h, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CALLBACK,
    client_secret: 'not-the-secret',
  });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: 'access_denied', error_description: 'Unauthorized' });
  const ok = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  assert.equal(ok.status, 200);
});

test('refresh tokens rotate, and reusing an old one revokes the whole grant', async () => {
  clock = START;
  const first = await connect(h, 'read:jira-work offline_access');
  const res = await tokenRequest(h, {
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token ?? '',
  });
  assert.equal(res.status, 200);
  const second = (await res.json()) as Tokens;
  assert.ok(second.refresh_token);
  assert.notEqual(second.refresh_token, first.refresh_token);
  assert.notEqual(second.access_token, first.access_token);
  assert.equal(second.scope, 'read:jira-work offline_access');
  assert.equal((await resources(second)).status, 200);

  const reuse = await tokenRequest(h, {
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token ?? '',
  });
  assert.equal(reuse.status, 403);
  assert.deepEqual(await reuse.json(), {
    error: 'invalid_grant',
    error_description: 'Unknown or invalid refresh token.',
  });
  // Reuse detection: the newest refresh token and every access token of the grant are dead too.
  const newest = await tokenRequest(h, {
    grant_type: 'refresh_token',
    refresh_token: second.refresh_token ?? '',
  });
  assert.equal(newest.status, 403);
  assert.equal((await resources(second)).status, 401);
});

test('without offline_access the token response carries no refresh token', async () => {
  clock = START;
  const tokens = await connect(h, 'read:jira-work');
  assert.equal(tokens.refresh_token, undefined);
  assert.equal(tokens.scope, 'read:jira-work');
});

test('an access token stops working after an hour, and a refresh gets a fresh one', async () => {
  clock = START;
  const tokens = await connect(h, 'read:jira-work offline_access');
  clock = START + 3599_000;
  assert.equal((await resources(tokens)).status, 200);
  clock = START + 3600_000;
  const expired = await resources(tokens);
  assert.equal(expired.status, 401);
  const res = await tokenRequest(h, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token ?? '',
  });
  assert.equal(res.status, 200);
  assert.equal((await resources((await res.json()) as Tokens)).status, 200);
  clock = START;
});

test('a revoked grant refuses refreshes and its access tokens', async () => {
  clock = START;
  const tokens = await connect(h, 'read:jira-work offline_access');
  const access = h.sim.context.state.oauthAccessTokens.get(tokens.access_token);
  const grant = h.sim.context.state.oauthGrants.get(access?.grantId ?? '');
  assert.ok(grant);
  grant.revoked = true;
  assert.equal((await resources(tokens)).status, 401);
  const res = await tokenRequest(h, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token ?? '',
  });
  assert.equal(res.status, 403);
  assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
});

test('the token endpoint accepts a form-encoded body too', async () => {
  clock = START;
  const code = await authorize(h, 'read:jira-work');
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: TINY.oauthClientId,
    client_secret: TINY.oauthSecret,
    code,
    redirect_uri: CALLBACK,
  });
  const res = await h.send(
    'POST',
    `${h.auth}/oauth/token`,
    body.toString(),
    undefined,
    'application/x-www-form-urlencoded',
  );
  assert.equal(res.status, 200);
  assert.ok(((await res.json()) as Tokens).access_token);
});

test('the token endpoint refuses unknown grant types and missing parameters with 400', async () => {
  const password = await tokenRequest(h, { grant_type: 'password' });
  assert.equal(password.status, 400);
  assert.deepEqual(await password.json(), {
    error: 'unsupported_grant_type',
    error_description: 'Unsupported grant type: password',
  });
  const noCode = await tokenRequest(h, { grant_type: 'authorization_code', redirect_uri: CALLBACK });
  assert.equal(noCode.status, 400);
  assert.equal(((await noCode.json()) as { error: string }).error, 'invalid_request');
});

test('a token for Jira and Confluence lists the site once per product', async () => {
  clock = START;
  const tokens = await connect(h, 'read:jira-work read:confluence-content.all read:me');
  const list = (await (await resources(tokens)).json()) as { id: string; scopes: string[] }[];
  assert.deepEqual(
    list.map((r) => [r.id, r.scopes]),
    [
      [TINY.siteA, ['read:jira-work']],
      [TINY.siteA, ['read:confluence-content.all']],
    ],
  );
});

test('authorizing the app on a second site keeps the first one accessible', async () => {
  clock = START;
  await connect(h, 'read:jira-work', TINY.siteA);
  const tokens = await connect(h, 'read:jira-work', TINY.siteB);
  const list = (await (await resources(tokens)).json()) as { id: string; url: string }[];
  assert.deepEqual(
    list.map((r) => [r.id, r.url]),
    [
      [TINY.siteB, h.siteB],
      [TINY.siteA, h.siteA],
    ],
  );
});

test('accessible-resources needs a 3LO token: none or an API token is a 401', async () => {
  assert.equal((await h.get(`${h.api}/oauth/token/accessible-resources`)).status, 401);
  assert.equal((await h.get(`${h.api}/oauth/token/accessible-resources`, h.adminBasic)).status, 401);
  assert.equal((await h.get(`${h.api}/oauth/token/accessible-resources`, 'Bearer nope')).status, 401);
});

test('a member can only grant access on a site where they have a product', async () => {
  const code = await authorize(h, 'read:jira-work', { login: MO_LOGIN, site: TINY.siteA });
  assert.ok(code);
  await assert.rejects(authorize(h, 'read:jira-work', { login: MO_LOGIN, site: TINY.siteB }), /answered 403/);
});

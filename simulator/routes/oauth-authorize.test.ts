import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { ADA_LOGIN, authorizeUrl, CALLBACK, decide, hiddenFields, MO_LOGIN } from './oauth-testing.ts';

const h = useHarness();

const consentFields = async (params: Record<string, string>) =>
  hiddenFields(await (await fetch(authorizeUrl(h, params))).text());

test('the consent page escapes a hostile state and still echoes it verbatim', async () => {
  const hostile = `"><script>alert('x')</script>&`;
  const res = await fetch(authorizeUrl(h, { scope: 'read:jira-work', state: hostile }));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  assert.ok(!html.includes('<script>'));
  assert.match(html, /value="&quot;&gt;&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;&amp;"/);

  const answer = await decide(h, {
    ...hiddenFields(html),
    ...ADA_LOGIN,
    site: TINY.siteA,
    decision: 'approve',
  });
  assert.equal(answer.status, 302);
  assert.equal(new URL(answer.headers.get('location') ?? '').searchParams.get('state'), hostile);
});

test('scopes the specs do not describe are shown by their own name', async () => {
  const html = await (await fetch(authorizeUrl(h, { scope: 'read:jira-work custom:<thing>' }))).text();
  assert.match(html, /custom:&lt;thing&gt;/);
  assert.match(html, /<strong>View Jira issue data<\/strong>/);
});

test('an unknown client_id gets a 400 error page, never a redirect', async () => {
  const res = await fetch(authorizeUrl(h, { scope: 'read:jira-work', client_id: '<nope>' }), {
    redirect: 'manual',
  });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('location'), null);
  const html = await res.text();
  assert.match(html, /Invalid client_id: &lt;nope&gt;/);
});

test('a redirect_uri that is not registered gets a 400 error page, never a redirect', async () => {
  for (const uri of [
    'https://evil.example/callback',
    'http://127.0.0.1/other',
    'http://127.0.0.1:8080/callback',
    'not a url',
  ]) {
    const res = await fetch(authorizeUrl(h, { scope: 'read:jira-work', redirect_uri: uri }), {
      redirect: 'manual',
    });
    assert.equal(res.status, 400, uri);
    assert.equal(res.headers.get('location'), null, uri);
    assert.match(await res.text(), /does not match any callback URL/);
  }
});

test('a registered redirect_uri keeps its own query parameters', async () => {
  const fields = await consentFields({
    scope: 'read:jira-work',
    redirect_uri: `${CALLBACK}?tenant=7`,
    state: 'st',
  });
  const answer = await decide(h, { ...fields, ...ADA_LOGIN, site: TINY.siteA, decision: 'approve' });
  const location = new URL(answer.headers.get('location') ?? '');
  assert.equal(location.searchParams.get('tenant'), '7');
  assert.ok(location.searchParams.get('code'));
});

test('a wrong response_type or audience is sent back to the app with the state', async () => {
  const cases: [Record<string, string>, string][] = [
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ audience: 'evil.example' }, 'invalid_request'],
    [{ scope: ' ' }, 'invalid_scope'],
  ];
  for (const [params, error] of cases) {
    const res = await fetch(authorizeUrl(h, { scope: 'read:jira-work', state: 'st', ...params }), {
      redirect: 'manual',
    });
    assert.equal(res.status, 302, error);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), error);
    assert.equal(location.searchParams.get('state'), 'st');
  }
});

test('deny sends the user back with error=access_denied and the state', async () => {
  const fields = await consentFields({ scope: 'read:jira-work', state: 'keep me' });
  const answer = await decide(h, { ...fields, decision: 'deny' });
  assert.equal(answer.status, 302);
  const location = new URL(answer.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
  assert.equal(location.searchParams.get('error'), 'access_denied');
  assert.ok(location.searchParams.get('error_description'));
  assert.equal(location.searchParams.get('state'), 'keep me');
  assert.equal(location.searchParams.get('code'), null);
});

test('a wrong API token shows the consent page again with an error', async () => {
  const fields = await consentFields({ scope: 'read:jira-work', state: 'st' });
  const answer = await decide(h, {
    ...fields,
    email: 'ada@acme.example',
    api_token: TINY.memberToken,
    site: TINY.siteA,
    decision: 'approve',
  });
  assert.equal(answer.status, 401);
  const html = await answer.text();
  assert.match(html, /Incorrect e-mail address or API token\./);
  assert.match(html, /value="ada@acme\.example"/);
  assert.deepEqual(hiddenFields(html), fields);
});

test('a user without a product on the chosen site cannot grant access to it', async () => {
  const fields = await consentFields({ scope: 'read:jira-work' });
  const answer = await decide(h, { ...fields, ...MO_LOGIN, site: TINY.siteB, decision: 'approve' });
  assert.equal(answer.status, 403);
  assert.match(await answer.text(), /You don&#39;t have access to Acme Labs/);
});

test('a decision whose redirect_uri was tampered with gets the error page', async () => {
  const fields = await consentFields({ scope: 'read:jira-work' });
  const answer = await decide(h, {
    ...fields,
    redirect_uri: 'https://evil.example/callback',
    ...ADA_LOGIN,
    site: TINY.siteA,
    decision: 'approve',
  });
  assert.equal(answer.status, 400);
  assert.equal(answer.headers.get('location'), null);
});

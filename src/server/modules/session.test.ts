import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { addPeople, TEST_PASSWORD } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';

function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (first ?? '').split(';')[0] ?? '';
}

forEachDatabase(
  'signing in sets an HttpOnly, SameSite=Lax session cookie and answers who and the CSRF token',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'user-agent': 'test-browser' },
      payload: { email: 'ANALYST@example.com', password: TEST_PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /palisade_session=/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/);
    const body = res.json();
    assert.equal(body.user.id, people.analyst.id);
    assert.equal(body.user.role, 'analyst');
    assert.ok(body.csrfToken.length > 20);
    assert.equal(body.expiresAt, new Date(server.deps.now().getTime() + 12 * 3_600_000).toISOString());
    assert.equal(JSON.stringify(body).includes('argon2'), false);

    // Only the hash of the cookie's token is stored.
    const token = cookieOf(res.headers['set-cookie']).split('=')[1] ?? '';
    const rows = await server.deps.db.selectFrom('sessions').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]?.token_hash, token);

    const who = await server.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: cookieOf(res.headers['set-cookie']) },
    });
    assert.equal(who.statusCode, 200);
    assert.equal(who.json().csrfToken, body.csrfToken);

    const audit = await server.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'session.create')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, people.analyst.id);
    assert.match(audit[0]?.source ?? '', /"address":"127\.0\.0\.1"/);
    assert.match(audit[0]?.source ?? '', /test-browser/);
  },
);

forEachDatabase('the session cookie is Secure when the public URL is https', async (t, database) => {
  const server = await startTestServer(database, { settings: { publicUrl: 'https://palisade.example.com' } });
  t.after(() => server.app.close());
  await addPeople(server.deps.db, server.deps.now());
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
  });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['set-cookie']), /Secure/);
});

forEachDatabase(
  'a change made with the cookie needs the CSRF token; one made with a bearer token does not',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'analyst@example.com', password: TEST_PASSWORD },
    });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const payload = { name: 'ci', expiresInDays: 5 };
    const without = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie },
      payload,
    });
    assert.equal(without.statusCode, 403);
    assert.equal(without.json().error.code, 'csrf_required');
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, 'x-csrf-token': 'guess' },
      payload,
    });
    assert.equal(wrong.statusCode, 403);
    const ok = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, 'x-csrf-token': signIn.json().csrfToken },
      payload,
    });
    assert.equal(ok.statusCode, 201);
    const bearer = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.analyst.bearer },
      payload,
    });
    assert.equal(bearer.statusCode, 201);
  },
);

forEachDatabase('signing out ends the session and clears the cookie', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  await addPeople(server.deps.db, server.deps.now());
  const signIn = await server.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
  });
  const cookie = cookieOf(signIn.headers['set-cookie']);
  const out = await server.app.inject({
    method: 'DELETE',
    url: '/api/v1/session',
    headers: { cookie, 'x-csrf-token': signIn.json().csrfToken },
  });
  assert.equal(out.statusCode, 204);
  assert.match(String(out.headers['set-cookie']), /palisade_session=;/);
  assert.equal((await server.deps.db.selectFrom('sessions').selectAll().execute()).length, 0);
  const after = await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
  assert.equal(after.statusCode, 401);
  const audit = await server.deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'session.delete')
    .execute();
  assert.equal(audit.length, 1);
});

forEachDatabase('a session ends after 12 idle hours, and after 7 days however busy', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  await addPeople(server.deps.db, server.deps.now());
  const signIn = async () =>
    cookieOf(
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
        })
      ).headers['set-cookie'],
    );
  const get = (cookie: string) =>
    server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
  const idle = await signIn();
  server.clock.advance(12 * 3_600_000 + 1000);
  assert.equal((await get(idle)).statusCode, 401);

  const busy = await signIn();
  for (let hour = 0; hour < 7 * 24; hour += 10) {
    server.clock.advance(10 * 3_600_000);
    if (hour + 10 < 7 * 24) assert.equal((await get(busy)).statusCode, 200, `hour ${hour + 10}`);
  }
  assert.equal((await get(busy)).statusCode, 401);
});

forEachDatabase(
  'an unknown e-mail and a wrong password answer alike; 5 failures lock the account for 15 minutes, known or not',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    await addPeople(server.deps.db, server.deps.now());
    const attempt = (email: string, password: string, address = '127.0.0.1') =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: address,
        payload: { email, password },
      });

    const unknown = await attempt('nobody@example.com', 'whatever password');
    const wrong = await attempt('viewer@example.com', 'whatever password');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.json().error.code, 'invalid_credentials');
    assert.equal(unknown.json().error.message, wrong.json().error.message);
    assert.match(wrong.json().error.message, /e-mail or password is wrong/);

    for (let i = 0; i < 4; i++) {
      await attempt('nobody@example.com', 'whatever password');
      await attempt('viewer@example.com', 'whatever password');
    }
    const lockedUnknown = await attempt('nobody@example.com', 'whatever password');
    const lockedKnown = await attempt('viewer@example.com', TEST_PASSWORD);
    assert.equal(lockedUnknown.statusCode, 429);
    assert.equal(lockedKnown.statusCode, 429, 'even the right password waits out the lockout');
    assert.equal(lockedKnown.json().error.code, 'too_many_attempts');
    assert.equal(
      lockedKnown.json().error.message.replace(/\d/g, '0'),
      lockedUnknown.json().error.message.replace(/\d/g, '0'),
    );
    assert.match(lockedKnown.json().error.message, /try again after .*in 15 minutes/);

    server.clock.advance(15 * 60_000 + 1);
    assert.equal((await attempt('viewer@example.com', TEST_PASSWORD)).statusCode, 200);
  },
);

forEachDatabase('20 failures from one address lock that address for every account', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  await addPeople(server.deps.db, server.deps.now());
  for (let i = 0; i < 20; i++) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: '10.0.0.9',
      payload: { email: `spray${i}@example.com`, password: 'whatever password' },
    });
    assert.equal(res.statusCode, 401);
  }
  const fromThere = await server.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: '10.0.0.9',
    payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
  });
  assert.equal(fromThere.statusCode, 429);
  const elsewhere = await server.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: '10.0.0.10',
    payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
  });
  assert.equal(elsewhere.statusCode, 200);
});

forEachDatabase(
  'a cookie that does not work counts as no credential; a bearer token that does not work is refused',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const stale = await server.app.inject({
      method: 'GET',
      url: '/api/v1/setup',
      headers: { cookie: 'palisade_session=stale' },
    });
    assert.equal(stale.statusCode, 200);
    const bad = await server.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { authorization: 'Bearer pls_not-a-real-token' },
    });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().error.code, 'authentication_required');
    assert.match(bad.json().error.message, /invalid, expired or revoked/);
  },
);

forEachDatabase(
  "signing in while the browser still sends someone else's cookie records the new person in the audit log",
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const first = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
    });
    const second = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { cookie: cookieOf(first.headers['set-cookie']) },
      payload: { email: 'admin@example.com', password: TEST_PASSWORD },
    });
    assert.equal(second.statusCode, 200);
    const audit = await server.deps.db
      .selectFrom('audit_log')
      .select(['actor', 'source'])
      .where('action', '=', 'session.create')
      .orderBy('at')
      .execute();
    assert.deepEqual(audit.map((a) => a.actor).sort(), [people.viewer.id, people.admin.id].sort());
    assert.match(audit[1]?.source ?? '', /"via":"session"/);
  },
);

forEachDatabase(
  'the session says what the person may do, so the UI can disable what they may not',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    await addPeople(server.deps.db, server.deps.now());
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
    });
    const permissions: string[] = signIn.json().permissions;
    assert.ok(permissions.includes('findings:read'));
    assert.ok(!permissions.includes('findings:triage'));
    assert.ok(!permissions.includes('apps:revoke'));
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const again = await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    assert.deepEqual(again.json().permissions, permissions);
  },
);

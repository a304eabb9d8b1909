import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { addPeople, TEST_PASSWORD } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';

forEachDatabase(
  'changing one’s password needs the current one and ends every other session',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    await addPeople(server.deps.db, server.deps.now());
    const signIn = async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
      });
      return {
        cookie: String(res.headers['set-cookie']).split(';')[0] ?? '',
        csrf: res.json().csrfToken as string,
      };
    };
    const laptop = await signIn();
    const phone = await signIn();
    const change = (currentPassword: string, newPassword: string) =>
      server.app.inject({
        method: 'PATCH',
        url: '/api/v1/account/password',
        headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf },
        payload: { currentPassword, newPassword },
      });
    const wrong = await change('not my password', 'a new long passphrase');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.json().error.message, /currentPassword/);
    const weak = await change(TEST_PASSWORD, 'short');
    assert.equal(weak.statusCode, 400);
    assert.match(weak.json().error.message, /newPassword is too short/);
    const ok = await change(TEST_PASSWORD, 'a new long passphrase');
    assert.equal(ok.statusCode, 204);
    const get = (cookie: string) =>
      server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    assert.equal((await get(laptop.cookie)).statusCode, 200);
    assert.equal((await get(phone.cookie)).statusCode, 401);
    const old = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
    });
    assert.equal(old.statusCode, 401);
    const audit = await server.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.password-change')
      .execute();
    assert.equal(audit.length, 1);
    assert.doesNotMatch(JSON.stringify(audit), /passphrase/);
  },
);

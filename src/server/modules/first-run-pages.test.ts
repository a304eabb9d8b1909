import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { createUser } from '../../people/manage-users.ts';
import { ensureSetupLink } from '../../people/setup.ts';
import { startTestServer } from '../testing/test-server.ts';

// The links Palisade prints open pages a person can use with only a browser: the setup link
// creates the owner, the invitation link sets a password; a refusal is shown on the form.

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

forEachDatabase(
  'the setup link opens a form that creates the owner and signs them in',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const link = new URL(
      (await ensureSetupLink(database.db, server.clock.now, 'http://127.0.0.1:8080')) ?? '',
    );
    const token = link.searchParams.get('token') ?? '';
    const page = await server.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label for="email">Email<\/label>/);
    assert.match(page.body, /<label for="password">Password<\/label>/);

    const short = await server.app.inject({
      method: 'POST',
      url: '/setup',
      ...form({ token, name: 'Olu Owner', email: 'olu@acme.test', password: 'short' }),
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /role="alert">[^<]*12 characters/);

    const created = await server.app.inject({
      method: 'POST',
      url: '/setup',
      ...form({ token, name: 'Olu Owner', email: 'olu@acme.test', password: 'a long enough password' }),
    });
    assert.equal(created.statusCode, 200, created.body);
    assert.match(String(created.headers['set-cookie']), /palisade_session=.*HttpOnly/);
    const again = await server.app.inject({
      method: 'POST',
      url: '/setup',
      ...form({ token, name: 'Eve', email: 'eve@acme.test', password: 'a long enough password' }),
    });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /set up already/);
  },
);

forEachDatabase('the invitation link opens a form that sets the password', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  const { invite } = await createUser(database.db, server.clock.now, null, {
    email: 'ana@acme.test',
    name: 'Ana Analyst',
    role: 'analyst',
  });
  const token = invite?.token ?? '';
  assert.equal((await server.app.inject({ method: 'GET', url: `/invite?token=${token}` })).statusCode, 200);
  const done = await server.app.inject({
    method: 'POST',
    url: '/invite',
    ...form({ token, password: 'a long enough password' }),
  });
  assert.equal(done.statusCode, 200, done.body);
  assert.match(done.body, /Your password is set/);
  const signIn = await server.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: 'ana@acme.test', password: 'a long enough password' },
  });
  assert.equal(signIn.statusCode, 200);
});

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { ensureSetupLink } from '../../people/setup.ts';
import { startTestServer } from '../testing/test-server.ts';

const PASSWORD = 'a long enough passphrase';

forEachDatabase(
  'first run: the setup link creates the owner once, signs them in, then setup answers 409',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const { app, deps } = server;
    assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json(), { required: true });

    const link = await ensureSetupLink(deps.db, deps.now(), 'http://127.0.0.1:8080/');
    assert.ok(link);
    assert.match(link, /^http:\/\/127\.0\.0\.1:8080\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(link).searchParams.get('token') ?? '';

    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token: 'nope', email: 'Owner@Example.com', name: 'Olga', password: PASSWORD },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, 'setup_token_invalid');

    const short = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, email: 'owner@example.com', name: 'Olga', password: 'short' },
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.json().error.message, /at least 12 characters/);

    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, email: 'Owner@Example.com', name: 'Olga', password: PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.email, 'owner@example.com');
    assert.equal(res.json().user.role, 'owner');
    assert.ok(res.json().csrfToken);
    assert.match(String(res.headers['set-cookie']), /palisade_session=/);
    const stored = await deps.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    assert.match(stored.password_hash ?? '', /^\$argon2id\$/);

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, email: 'other@example.com', name: 'Other', password: PASSWORD },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'setup_done');
    assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json(), { required: false });
    assert.equal(await ensureSetupLink(deps.db, deps.now(), 'http://127.0.0.1:8080'), undefined);
    const audit = await deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'setup.complete')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, res.json().user.id);
  },
);

forEachDatabase('a setup link older than 24 hours no longer works', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  const link = await ensureSetupLink(server.deps.db, server.deps.now, 'http://127.0.0.1:8080');
  const token = new URL(link ?? '').searchParams.get('token') ?? '';
  server.clock.advance(24 * 3_600_000 + 1);
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: { token, email: 'owner@example.com', name: 'Olga', password: PASSWORD },
  });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.code, 'setup_token_invalid');
  assert.match(res.json().error.message, /restart `palisade serve`/);
});

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { addPeople } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';

forEachDatabase(
  'a personal API token is shown once, stored only as a hash, and works as a bearer',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.admin.bearer },
      payload: { name: 'CI pipeline', expiresInDays: 30 },
    });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.match(body.token, /^pls_[A-Za-z0-9_-]{43}$/);
    assert.equal(body.role, 'admin');
    assert.equal(body.last4, body.token.slice(-4));
    assert.equal(body.expiresAt, new Date(server.deps.now().getTime() + 30 * 86_400_000).toISOString());
    const stored = await server.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, body.token);
    assert.equal(JSON.stringify(stored).includes(body.token), false);

    server.clock.advance(60_000);
    const users = await server.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${body.token}` },
    });
    assert.equal(users.statusCode, 200);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: { authorization: people.admin.bearer },
    });
    const mine = list.json().tokens.find((x: { id: string }) => x.id === body.id);
    assert.equal(mine.lastUsedAt, server.deps.now().toISOString());
    assert.equal(JSON.stringify(list.json()).includes(body.token), false);
    assert.equal('token' in mine, false);
  },
);

forEachDatabase(
  "a token's role is capped at its creator's, now and after the creator is demoted",
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const higher = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.analyst.bearer },
      payload: { name: 'too much', role: 'admin', expiresInDays: 1 },
    });
    assert.equal(higher.statusCode, 403);
    assert.match(higher.json().error.message, /at most its creator's role/);

    const viewerToken = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.admin.bearer },
      payload: { name: 'read only', role: 'viewer', expiresInDays: 1 },
    });
    assert.equal(viewerToken.json().role, 'viewer');
    const asViewer = await server.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${viewerToken.json().token}` },
    });
    assert.equal(asViewer.statusCode, 403);
    assert.equal(asViewer.json().error.code, 'permission_required');

    // The admin is demoted to viewer: their admin-role token acts as a viewer from now on.
    await server.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${people.admin.id}`,
      headers: { authorization: people.owner.bearer },
      payload: { role: 'viewer' },
    });
    const demoted = await server.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: people.admin.bearer },
    });
    assert.equal(demoted.statusCode, 403);
  },
);

forEachDatabase(
  'a revoked or expired token answers 401; owners may revoke anyone’s, others only their own',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const make = async (bearer: string, days = 1) =>
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: { authorization: bearer },
          payload: { name: 't', expiresInDays: days },
        })
      ).json();
    const analystToken = await make(people.analyst.bearer);
    const notYours = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${analystToken.id}`,
      headers: { authorization: people.viewer.bearer },
    });
    assert.equal(notYours.statusCode, 404);
    const revoked = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${analystToken.id}`,
      headers: { authorization: people.owner.bearer },
    });
    assert.equal(revoked.statusCode, 204);
    const use = await server.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { authorization: `Bearer ${analystToken.token}` },
    });
    assert.equal(use.statusCode, 401);
    assert.match(use.json().error.message, /invalid, expired or revoked/);

    const short = await make(people.viewer.bearer, 1);
    server.clock.advance(86_400_000 + 1);
    const expired = await server.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { authorization: `Bearer ${short.token}` },
    });
    assert.equal(expired.statusCode, 401);
    const audit = await server.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'token.revoke')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, people.owner.id);
  },
);

forEachDatabase(
  'a token asked for longer than 365 days or without a name is refused naming the field',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const long = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.viewer.bearer },
      payload: { name: 'x', expiresInDays: 366 },
    });
    assert.equal(long.statusCode, 400);
    assert.match(long.json().error.message, /expiresInDays/);
    const unnamed = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.viewer.bearer },
      payload: { expiresInDays: 3 },
    });
    assert.equal(unnamed.statusCode, 400);
    assert.match(unnamed.json().error.message, /name/);
  },
);

forEachDatabase(
  "a token's last use is kept to the minute, not rewritten on every request",
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: people.admin.bearer },
      payload: { name: 'Dashboard', expiresInDays: 30 },
    });
    const { id, token } = created.json();
    const use = () =>
      server.app.inject({
        method: 'GET',
        url: '/api/v1/users',
        headers: { authorization: `Bearer ${token}` },
      });
    const lastUsed = async () =>
      (
        await server.deps.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).last_used_at;

    await use();
    const first = server.deps.now().toISOString();
    assert.equal(await lastUsed(), first);
    server.clock.advance(30_000);
    await use();
    assert.equal(await lastUsed(), first, 'a use within the minute keeps the stored time');
    server.clock.advance(31_000);
    await use();
    assert.equal(await lastUsed(), server.deps.now().toISOString(), 'a use a minute later is recorded');
  },
);

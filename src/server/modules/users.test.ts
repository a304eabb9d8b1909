import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { addPeople, addPerson } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';

forEachDatabase(
  'owners and admins list people without any password hash; others may not',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: people.admin.bearer },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().users.length, 5);
    assert.doesNotMatch(res.body, /argon2|password/i);
    const revoker = res.json().users.find((u: { id: string }) => u.id === people.revoker.id);
    assert.deepEqual(revoker.rights, ['apps:revoke']);
    const analyst = await server.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: people.analyst.bearer },
    });
    assert.equal(analyst.statusCode, 403);
  },
);

forEachDatabase(
  'a person added without a password gets a one-time invite link that sets it and signs them in',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: people.admin.bearer },
      payload: { email: 'New.Person@Example.com', name: 'Nina', role: 'analyst', rights: ['apps:revoke'] },
    });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.equal(body.user.email, 'new.person@example.com');
    assert.equal(body.user.active, false);
    assert.deepEqual(body.user.rights, ['apps:revoke']);
    assert.match(body.inviteUrl, /^http:\/\/127\.0\.0\.1:8080\/invite\?token=/);
    assert.equal(body.inviteExpiresAt, new Date(server.deps.now().getTime() + 7 * 86_400_000).toISOString());
    const token = new URL(body.inviteUrl).searchParams.get('token');

    const accepted = await server.app.inject({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token, password: 'a brand new passphrase' },
    });
    assert.equal(accepted.statusCode, 200);
    assert.equal(accepted.json().user.id, body.user.id);
    assert.match(String(accepted.headers['set-cookie']), /palisade_session=/);
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token, password: 'a brand new passphrase' },
    });
    assert.equal(again.statusCode, 401);
    assert.equal(again.json().error.code, 'invite_invalid');
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'new.person@example.com', password: 'a brand new passphrase' },
    });
    assert.equal(signIn.statusCode, 200);
    const audit = await server.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .execute();
    assert.equal(audit[0]?.actor, people.admin.id);
    assert.equal(audit[0]?.subject, `user:${body.user.id}`);
    assert.match(audit[0]?.source ?? '', /token:/);
  },
);

forEachDatabase(
  'a person added with a password can sign in at once; a taken e-mail answers 409',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: people.owner.bearer },
      payload: { email: 'ready@example.com', name: 'Ready', role: 'viewer', password: 'twelve chars ok' },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().inviteUrl, undefined);
    assert.equal(created.json().user.active, true);
    const taken = await server.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: people.owner.bearer },
      payload: { email: 'READY@example.com', name: 'Again', role: 'viewer' },
    });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'email_taken');
  },
);

forEachDatabase('an admin can neither add, promote to, change nor remove an owner', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  const people = await addPeople(server.deps.db, server.deps.now());
  const admin = { authorization: people.admin.bearer };
  const add = await server.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: { email: 'o2@example.com', name: 'O2', role: 'owner' },
  });
  assert.equal(add.statusCode, 403);
  assert.match(add.json().error.message, /only an owner/);
  const promote = await server.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${people.analyst.id}`,
    headers: admin,
    payload: { role: 'owner' },
  });
  assert.equal(promote.statusCode, 403);
  const change = await server.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${people.owner.id}`,
    headers: admin,
    payload: { name: 'Renamed' },
  });
  assert.equal(change.statusCode, 403);
  const remove = await server.app.inject({
    method: 'DELETE',
    url: `/api/v1/users/${people.owner.id}`,
    headers: admin,
  });
  assert.equal(remove.statusCode, 403);
  // What an admin may do: grant the right and change an analyst's role.
  const grant = await server.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${people.analyst.id}`,
    headers: admin,
    payload: { role: 'admin', rights: ['apps:revoke'] },
  });
  assert.equal(grant.statusCode, 200);
  assert.deepEqual(grant.json().user.rights, ['apps:revoke']);
  const audit = await server.deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'user.update')
    .execute();
  assert.equal(audit.length, 1);
  assert.match(
    audit[0]?.details ?? '',
    /"before":\{"name":"Analyst Person","rights":\[\],"role":"analyst"\}/,
  );
});

forEachDatabase(
  'the last owner can be neither demoted nor removed; with a second owner both work',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const owner = { authorization: people.owner.bearer };
    const demote = await server.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${people.owner.id}`,
      headers: owner,
      payload: { role: 'admin' },
    });
    assert.equal(demote.statusCode, 409);
    assert.equal(demote.json().error.code, 'last_owner');
    const remove = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${people.owner.id}`,
      headers: owner,
    });
    assert.equal(remove.statusCode, 409);
    assert.equal(remove.json().error.code, 'last_owner');

    const second = await addPerson(server.deps.db, server.deps.now(), 'owner', {
      email: 'second@example.com',
    });
    const removed = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${people.owner.id}`,
      headers: { authorization: second.bearer },
    });
    assert.equal(removed.statusCode, 204);
    // The removed owner's token stops working with them.
    const gone = await server.app.inject({ method: 'GET', url: '/api/v1/users', headers: owner });
    assert.equal(gone.statusCode, 401);
    const missing = await server.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${people.owner.id}`,
      headers: { authorization: second.bearer },
    });
    assert.equal(missing.statusCode, 404);
  },
);

forEachDatabase('an unknown right or role is refused naming the field', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  const people = await addPeople(server.deps.db, server.deps.now());
  const res = await server.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${people.viewer.id}`,
    headers: { authorization: people.owner.bearer },
    payload: { rights: ['everything'] },
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.json().error.message, /rights/);
});

forEachDatabase(
  'an invite link older than 7 days no longer works, and a short password is refused before the link is used',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const invite = async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { authorization: people.owner.bearer },
        payload: { email: `p${Math.random()}@example.com`, name: 'P', role: 'viewer' },
      });
      return new URL(res.json().inviteUrl).searchParams.get('token');
    };
    const fresh = await invite();
    const short = await server.app.inject({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token: fresh, password: 'too short' },
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.json().error.message, /at least 12 characters/);
    const stillGood = await server.app.inject({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token: fresh, password: 'long enough now' },
    });
    assert.equal(stillGood.statusCode, 200);

    const old = await invite();
    server.clock.advance(7 * 86_400_000 + 1);
    const expired = await server.app.inject({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token: old, password: 'long enough now' },
    });
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().error.code, 'invite_invalid');
  },
);

forEachDatabase(
  'a deactivated person can no longer use their token until reactivated; nobody deactivates themselves or the last owner',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const patch = (who: string, id: string, disabled: boolean) =>
      server.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        headers: { authorization: who },
        payload: { disabled },
      });
    const whoAmI = () =>
      server.app.inject({
        method: 'GET',
        url: '/api/v1/tokens',
        headers: { authorization: people.analyst.bearer },
      });
    assert.equal((await whoAmI()).statusCode, 200);

    const off = await patch(people.admin.bearer, people.analyst.id, true);
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().user.disabledAt, server.deps.now().toISOString());
    assert.equal((await whoAmI()).statusCode, 401);

    const on = await patch(people.admin.bearer, people.analyst.id, false);
    assert.equal(on.json().user.disabledAt, null);
    assert.equal((await whoAmI()).statusCode, 200);

    const self = await patch(people.admin.bearer, people.admin.id, true);
    assert.equal(self.statusCode, 403);
    assert.match(self.json().error.message, /your own account/);
    const lastOwner = await patch(people.owner.bearer, people.owner.id, true);
    assert.equal(lastOwner.statusCode, 403);
  },
);

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { addPeople } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';

const SECRET = 'oauth-client-secret-never-shown';

forEachDatabase(
  'the settings show every signed-in person the default scan schedule and the OAuth app, never its secret',
  async (t, database) => {
    const server = await startTestServer(database, {
      settings: {
        scanIntervalMs: 2 * 3_600_000,
        oauth: {
          clientId: 'client-123',
          clientSecret: SECRET,
          redirectUrl: 'https://palisade.example.com/api/v1/connections/oauth/callback',
        },
      },
    });
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/settings',
      headers: { authorization: people.viewer.bearer },
    });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, new RegExp(SECRET));
    const body = res.json();
    assert.equal(body.schedule.defaultIntervalSeconds, 7200);
    const revoke = body.permissions.find((p: { permission: string }) => p.permission === 'apps:revoke');
    assert.deepEqual(revoke.roles, []);
    assert.equal(revoke.right, true);
    const manage = body.permissions.find((p: { permission: string }) => p.permission === 'users:manage');
    assert.deepEqual(manage.roles, ['owner', 'admin']);
    assert.equal(body.schedule.variable, 'PALISADE_SCAN_INTERVAL');
    assert.deepEqual(body.oauth, {
      configured: true,
      clientId: 'client-123',
      redirectUrl: 'https://palisade.example.com/api/v1/connections/oauth/callback',
      variables: ['PALISADE_OAUTH_CLIENT_ID', 'PALISADE_OAUTH_CLIENT_SECRET', 'PALISADE_OAUTH_REDIRECT_URL'],
    });
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/v1/settings' });
    assert.equal(anonymous.statusCode, 401);
  },
);

forEachDatabase('without an OAuth app the settings say it is not configured', async (t, database) => {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  const people = await addPeople(server.deps.db, server.deps.now());
  const res = await server.app.inject({
    method: 'GET',
    url: '/api/v1/settings',
    headers: { authorization: people.owner.bearer },
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().oauth.configured, false);
  assert.equal(res.json().oauth.clientId, null);
  assert.equal(res.json().schedule.defaultIntervalSeconds, 6 * 3600);
});

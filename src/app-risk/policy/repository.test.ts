import assert from 'node:assert/strict';
import { listAudit } from '../../audit/audit-log.ts';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { NOW } from '../model/testing/fixtures.ts';
import { testConnection } from '../testing/connection.ts';
import { deletePolicy, listPolicies, savePolicy } from './repository.ts';

const noDev = {
  id: 'no-dev-mode',
  description: 'No development-mode apps',
  severity: 'medium',
  noDevelopmentMode: true,
};

forEachDatabase(
  'policies are stored per connection, validated, updated, disabled and deleted with an audit trail',
  async (_t, { db }) => {
    const connectionId = await testConnection(db);
    const other = await testConnection(db, 'conn-2');
    await savePolicy(db, { connectionId, policy: noDev, actor: 'sam', now: NOW });
    await savePolicy(db, {
      connectionId,
      policy: { ...noDev, severity: 'high' },
      actor: 'sam',
      now: NOW,
      enabled: false,
    });
    const { policies, invalid } = await listPolicies(db, connectionId);
    assert.deepEqual(invalid, []);
    assert.equal(policies.length, 1);
    assert.equal(policies[0]?.policy.severity, 'high');
    assert.equal(policies[0]?.enabled, false);
    assert.deepEqual((await listPolicies(db, other)).policies, []);
    await assert.rejects(
      savePolicy(db, { connectionId, policy: { id: 'x', description: 'd' }, actor: 'sam', now: NOW }),
      {
        code: 'invalid_policy',
      },
    );
    assert.equal(await deletePolicy(db, { connectionId, id: 'no-dev-mode', actor: 'sam', now: NOW }), true);
    assert.equal(await deletePolicy(db, { connectionId, id: 'no-dev-mode', actor: 'sam', now: NOW }), false);
    assert.deepEqual((await listAudit(db, { connectionId })).map((e) => e.action).sort(), [
      'app.policy-create',
      'app.policy-delete',
      'app.policy-update',
    ]);
  },
);

forEachDatabase(
  'a stored definition that no longer validates is reported, not evaluated',
  async (_t, { db }) => {
    const connectionId = await testConnection(db);
    await db
      .insertInto('app_policies')
      .values({
        connection_id: connectionId,
        id: 'old',
        definition: '{"id":"old","shape":"v0"}',
        enabled: 1,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    const { policies, invalid } = await listPolicies(db, connectionId);
    assert.deepEqual(policies, []);
    assert.equal(invalid[0]?.id, 'old');
  },
);

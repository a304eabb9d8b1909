import assert from 'node:assert/strict';
import { NOW } from '../app-risk/model/testing/fixtures.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { appSubject, listAudit, recordAudit } from './audit-log.ts';

forEachDatabase(
  'audit entries are appended with actor, time, action, subject and details, and read back newest first',
  async (_t, { db }) => {
    const first = await recordAudit(db, {
      connectionId: 'conn-1',
      actor: 'sam@acme.example',
      action: 'app.classify',
      subject: appSubject('com.x.app'),
      details: { from: 'unreviewed', to: 'sanctioned', nested: { a: [1, 2] } },
      at: NOW,
    });
    await recordAudit(db, {
      connectionId: 'conn-1',
      actor: 'system:app-risk',
      action: 'app.re-review',
      subject: appSubject('com.x.app'),
      at: new Date(NOW.getTime() + 1000),
    });
    await recordAudit(db, {
      actor: 'sam@acme.example',
      action: 'app.classify',
      subject: 'app:other',
      at: NOW,
    });
    const all = await listAudit(db, { subject: 'app:com.x.app' });
    assert.deepEqual(
      all.map((e) => [e.action, e.actor]),
      [
        ['app.re-review', 'system:app-risk'],
        ['app.classify', 'sam@acme.example'],
      ],
    );
    assert.deepEqual(all[1], first);
    assert.deepEqual(all[1]?.details, { from: 'unreviewed', nested: { a: [1, 2] }, to: 'sanctioned' });
    assert.equal((await listAudit(db, { connectionId: 'conn-1', action: 'app.classify' })).length, 1);
    assert.equal((await listAudit(db, { limit: 1 })).length, 1);
    // The log outlives the connection: no foreign key, a null connection is allowed.
    assert.equal((await listAudit(db, { subject: 'app:other' }))[0]?.connectionId, null);
  },
);

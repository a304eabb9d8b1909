import assert from 'node:assert/strict';
import { listAudit } from '../../audit/audit-log.ts';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { NOW } from '../model/testing/fixtures.ts';
import { testConnection } from '../testing/connection.ts';
import { clearScoreOverride, listScoreOverrides, setScoreOverride } from './overrides.ts';

forEachDatabase(
  'a score override is stored with its justification and audited with what it replaced',
  async (_t, { db }) => {
    const connectionId = await testConnection(db);
    const input = { connectionId, appKey: 'io.x', actor: 'sam@acme.example', now: NOW };
    await setScoreOverride(db, {
      ...input,
      score: 90,
      justification: 'Descriptor read by hand: ADMIN.',
      computedScore: 59,
    });
    const second = await setScoreOverride(db, {
      ...input,
      score: 40,
      justification: 'Vendor removed ADMIN in 2.1 (ticket SEC-9).',
      now: new Date(NOW.getTime() + 1000),
    });
    assert.deepEqual((await listScoreOverrides(db, connectionId)).get('io.x'), second);
    const audit = await listAudit(db, { connectionId, action: 'app.score-override' });
    assert.deepEqual(
      audit.map((e) => [e.details.score, e.details.previousOverride, e.details.computedScore]),
      [
        [40, 90, null],
        [90, null, 59],
      ],
    );
    assert.equal(await clearScoreOverride(db, { ...input, justification: 'Back to the model.' }), true);
    assert.equal(await clearScoreOverride(db, input), false);
    assert.equal((await listScoreOverrides(db, connectionId)).size, 0);
    assert.equal((await listAudit(db, { connectionId, action: 'app.score-override-cleared' })).length, 1);
  },
);

forEachDatabase(
  'an override outside 0–100 or without a real justification is refused and not stored',
  async (_t, { db }) => {
    const connectionId = await testConnection(db);
    const input = { connectionId, appKey: 'io.x', actor: 'sam', now: NOW };
    await assert.rejects(
      setScoreOverride(db, { ...input, score: 101, justification: 'A long enough reason.' }),
      {
        code: 'invalid_override',
      },
    );
    await assert.rejects(
      setScoreOverride(db, { ...input, score: 50.5, justification: 'A long enough reason.' }),
      {
        code: 'invalid_override',
      },
    );
    await assert.rejects(
      setScoreOverride(db, { ...input, score: 50, justification: ' ok ' }),
      /justification/,
    );
    assert.equal((await listScoreOverrides(db, connectionId)).size, 0);
    assert.deepEqual(await listAudit(db, { connectionId }), []);
  },
);

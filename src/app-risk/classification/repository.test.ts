import assert from 'node:assert/strict';
import { listAudit } from '../../audit/audit-log.ts';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { reconcile } from '../model/classification.ts';
import type { AppFingerprint } from '../model/fingerprint.ts';
import { NOW } from '../model/testing/fixtures.ts';
import { testConnection } from '../testing/connection.ts';
import {
  applyAutomaticChange,
  classifyApp,
  getClassification,
  listClassifications,
  SYSTEM_ACTOR,
} from './repository.ts';

const fp: AppFingerprint = { scopes: ['READ'], egress: ['vendor-hosted'], versions: ['1.0.0-AC'] };
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

forEachDatabase(
  'a person’s classification is stored with its fingerprint and audited',
  async (_t, { db }) => {
    const connectionId = await testConnection(db);
    const accepted = await classifyApp(db, {
      connectionId,
      appKey: 'com.x.app',
      decision: {
        state: 'risk-accepted',
        justification: 'Needed for the Q3 migration.',
        expiresAt: later(30),
      },
      actor: 'sam@acme.example',
      now: NOW,
      fingerprint: fp,
    });
    assert.deepEqual(await getClassification(db, connectionId, 'com.x.app'), accepted);
    assert.equal(accepted.expiresAt, later(30).toISOString());
    const [entry] = await listAudit(db, { connectionId, action: 'app.classify' });
    assert.equal(entry?.actor, 'sam@acme.example');
    assert.equal(entry?.subject, 'app:com.x.app');
    assert.deepEqual(entry?.details, {
      expiresAt: later(30).toISOString(),
      fingerprint: fp,
      from: null,
      justification: 'Needed for the Q3 migration.',
      to: 'risk-accepted',
    });
  },
);

forEachDatabase('an invalid decision changes nothing and writes no audit entry', async (_t, { db }) => {
  const connectionId = await testConnection(db);
  await assert.rejects(
    classifyApp(db, {
      connectionId,
      appKey: 'com.x.app',
      decision: { state: 'risk-accepted', justification: 'no expiry' },
      actor: 'sam',
      now: NOW,
      fingerprint: fp,
    }),
    { code: 'invalid_decision' },
  );
  assert.equal((await listClassifications(db, connectionId)).size, 0);
  assert.deepEqual(await listAudit(db, { connectionId }), []);
});

forEachDatabase(
  'an automatic re-review is stored and audited as the system’s; a newer decision is not overwritten',
  async (_t, { db }) => {
    const connectionId = await testConnection(db);
    const discovered = reconcile(undefined, { connectionId, appKey: 'a', fingerprint: fp, now: NOW });
    assert.equal(
      await applyAutomaticChange(db, undefined, discovered.next, discovered.change as never, NOW),
      true,
    );
    // Discovering again (a concurrent sync) keeps the existing row.
    assert.equal(
      await applyAutomaticChange(db, undefined, discovered.next, { kind: 'discovered' }, NOW),
      false,
    );
    const sanctioned = await classifyApp(db, {
      connectionId,
      appKey: 'a',
      decision: { state: 'sanctioned' },
      actor: 'sam',
      now: later(1),
      fingerprint: fp,
    });
    const changed = { ...fp, versions: ['2.0.0-AC'] };
    const step = reconcile(sanctioned, { connectionId, appKey: 'a', fingerprint: changed, now: later(2) });
    assert.equal(await applyAutomaticChange(db, sanctioned, step.next, step.change as never, later(2)), true);
    const stored = await getClassification(db, connectionId, 'a');
    assert.equal(stored?.state, 're-review');
    assert.equal(stored?.previousState, 'sanctioned');
    assert.deepEqual(stored?.reviewReason, step.next.reviewReason);
    const [audit] = await listAudit(db, { connectionId, action: 'app.re-review' });
    assert.equal(audit?.actor, SYSTEM_ACTOR);
    assert.deepEqual((audit?.details.reason as { kind: string } | undefined)?.kind, 'fingerprint-changed');

    // A person decides between the sync's read and its write: the stale automatic step stands down.
    const decided = await classifyApp(db, {
      connectionId,
      appKey: 'a',
      decision: { state: 'sanctioned' },
      actor: 'sam',
      now: later(3),
      fingerprint: changed,
    });
    const stale = reconcile(sanctioned, { connectionId, appKey: 'a', fingerprint: changed, now: later(4) });
    assert.equal(
      await applyAutomaticChange(db, sanctioned, stale.next, stale.change as never, later(4)),
      false,
    );
    assert.deepEqual(await getClassification(db, connectionId, 'a'), decided);
  },
);

import assert from 'node:assert/strict';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { classifyApp } from '../app-risk/classification/repository.ts';
import { fingerprintOf } from '../app-risk/model/fingerprint.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { syncConnection } from '../sync/sync-connection.ts';
import { forgetAppJudgement, readAppJudgement } from './app-judgements.ts';
import { appsOfSnapshot } from './apps-of-snapshot.ts';
import { assess } from './assess.ts';

const CONNECTION = 'demo';
const POKER = 'com.marlinworks.planning-poker';

forEachDatabase(
  'a scan stores its apps as judged; a later classification makes them stale and the next read judges again',
  async (_t, { db }) => {
    const now = new Date('2026-12-07T09:00:00Z');
    const sim = await startSimulator({
      tenant: buildTenant({ scenario: 'demo' }, now),
      now: () => now.getTime(),
    });
    try {
      const sync = simConnection(sim.info, { id: CONNECTION });
      const scan = async (at: Date) => {
        const run = await syncConnection({
          db,
          connection: sync.connection,
          allowHosts: sync.allowHosts,
          baseUrls: sync.baseUrls,
          now: () => at,
        });
        assert.equal(run.status, 'success');
        return assess(db, CONNECTION, { now: at });
      };

      const first = await scan(now);
      const version = first.evaluation.snapshotVersion;
      const stored = await readAppJudgement(db, CONNECTION, version);
      assert.ok(stored, 'the scan stored its judgement of the apps');
      assert.equal(stored.apps.length, first.apps.length);
      const scores = stored.apps.map((a) => a.risk.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
        'riskiest first',
      );
      // The reader answers the stored judgement, judged at the scan's time, not again.
      const read = await appsOfSnapshot(db, CONNECTION, version, new Date('2026-12-08T00:00:00Z'));
      assert.deepEqual(read, stored.apps);
      assert.equal((await readAppJudgement(db, CONNECTION, version))?.judgedAt, now.toISOString());

      const poker = read.find((a) => a.appKey === POKER);
      assert.ok(poker, `${POKER} is installed in the demo`);
      assert.equal(poker.classification.state, 'unreviewed');
      const later = new Date('2026-12-07T10:00:00Z');
      await classifyApp(db, {
        connectionId: CONNECTION,
        appKey: POKER,
        decision: { state: 'sanctioned', justification: 'Used by every scrum team.' },
        actor: 'riley.chen@acme.example',
        now: later,
        fingerprint: fingerprintOf(poker),
      });
      const after = await appsOfSnapshot(db, CONNECTION, version, later);
      assert.equal(after.find((a) => a.appKey === POKER)?.classification.state, 'sanctioned');
      const restored = await readAppJudgement(db, CONNECTION, version);
      assert.equal(
        restored?.judgedAt,
        later.toISOString(),
        'the new judgement was stored for the next reader',
      );
      assert.notEqual(restored?.stamp, stored.stamp);

      // Forgetting drops the current judgement; the next read judges again.
      await forgetAppJudgement(db, CONNECTION);
      assert.equal(await readAppJudgement(db, CONNECTION, version), undefined);

      // Two more scans: the previous snapshot's judgement is kept as judged, older ones are not.
      const second = await scan(new Date('2026-12-07T11:00:00Z'));
      const third = await scan(new Date('2026-12-07T12:00:00Z'));
      assert.equal(await readAppJudgement(db, CONNECTION, version), undefined);
      const previous = await appsOfSnapshot(db, CONNECTION, second.evaluation.snapshotVersion, later, {
        stored: 'as-judged',
      });
      assert.equal(previous.length, second.apps.length);
      assert.ok(await readAppJudgement(db, CONNECTION, third.evaluation.snapshotVersion));
    } finally {
      await sim.stop();
    }
  },
);

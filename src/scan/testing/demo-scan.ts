import { startSimulator } from '../../../simulator/start.ts';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import { simConnection } from '../../../simulator/testing/sim-connection.ts';
import { createDatabase } from '../../db/create-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { saveException } from '../../findings/store/exceptions-store.ts';
import { snapshotOutcomes } from '../../inventory/dataset-outcomes.ts';
import type { Report } from '../../report/model.ts';
import { resourceKey } from '../../rules/result.ts';
import { syncConnection } from '../../sync/sync-connection.ts';
import { assess } from '../assess.ts';
import { evaluateOffline } from '../evaluate-offline.ts';

// A realistic report: the demo scenario served by the simulator, synced end to end into an
// in-memory database, one failure excepted, then assessed as `palisade scan` assesses it (the whole
// catalogue, the apps scored by src/app-risk with their governance state).

export const DEMO_NOW = new Date('2025-06-01T12:00:00.000Z');

export interface DemoScan {
  report: Report;
  /** The dataset outcomes the sync recorded, one per dataset and scope. */
  outcomes: number;
  /** Every secret the simulator handed out: none may appear in a report. */
  secrets: string[];
}

/** Syncs the demo tenant and builds its report (a few seconds). */
export async function demoScan(now: Date = DEMO_NOW): Promise<DemoScan> {
  const sim = await startSimulator({
    tenant: buildTenant({ scenario: 'demo' }, now),
    now: () => now.getTime(),
  });
  const handle = createDatabase({ file: ':memory:' });
  try {
    await migrateToLatest(handle.db);
    const sync = simConnection(sim.info);
    const id = sync.connection.id;
    const result = await syncConnection({
      db: handle.db,
      connection: sync.connection,
      allowHosts: sync.allowHosts,
      baseUrls: sync.baseUrls,
      now: () => now,
    });
    if (result.status !== 'success' || result.snapshotVersion === null)
      throw new Error(`demo sync failed: ${result.reason}`);
    // The security team accepts one failure, so the report shows an exception.
    const results = await evaluateOffline(handle.db, id, result.snapshotVersion, now);
    const accepted = results.find((r) => r.status === 'fail' && r.resource.scope !== 'org');
    if (accepted) {
      await saveException(handle.db, id, {
        id: 'exc-demo-1',
        ruleId: accepted.ruleId,
        resources: [resourceKey(accepted.resource)],
        justification: 'Accepted until the migration to the new scheme in Q3.',
        owner: 'security@acme.example',
        createdAt: '2025-05-01T00:00:00Z',
        expiresAt: '2025-09-01T00:00:00Z',
      });
    }
    const { report } = await assess(handle.db, id, { now });
    const c = sim.info.credentials;
    return {
      report,
      outcomes: (await snapshotOutcomes(handle.db, id, result.snapshotVersion)).length,
      secrets: [c.admin.apiToken, c.member.apiToken, c.orgApiKey, c.scopedOrgApiKey, c.oauth.clientSecret],
    };
  } finally {
    await handle.close();
    await sim.stop();
  }
}

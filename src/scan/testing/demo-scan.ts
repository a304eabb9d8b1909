import { startSimulator } from '../../../simulator/start.ts';
import { issuedSecrets } from '../../../simulator/start-info.ts';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import { simConnection } from '../../../simulator/testing/sim-connection.ts';
import { createDatabase } from '../../db/create-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { saveException } from '../../findings/store/exceptions-store.ts';
import { snapshotOutcomes } from '../../inventory/dataset-outcomes.ts';
import { combineReports } from '../../report/combine-reports.ts';
import type { Report } from '../../report/model.ts';
import { resourceKey } from '../../rules/result.ts';
import { syncConnection } from '../../sync/sync-connection.ts';
import { assess } from '../assess.ts';
import { evaluateOffline } from '../evaluate-offline.ts';
import { runScan } from '../run-scan.ts';

// A realistic report: the demo scenario served by the simulator, synced end to end into an
// in-memory database, one failure excepted, then assessed as `palisade scan` assesses it (the whole
// catalogue, the apps scored by src/app-risk with their governance state); then its Bitbucket
// workspace and its Data Center instances scanned as connections of their own and their findings
// put beside the organization's, as `palisade demo --cli` reports them.

export const DEMO_NOW = new Date('2025-06-01T12:00:00.000Z');

export interface DemoScan {
  report: Report;
  /**
   * The dataset outcomes the syncs recorded, one per dataset and scope: the organization's, and
   * the site-level ones of the workspace and the instances (their org datasets are the org's).
   */
  outcomes: number;
  /** Every secret the simulator handed out: none may appear in a report. */
  secrets: string[];
}

/** Syncs the demo tenant's four connections and builds their report (a few seconds). */
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
    const token = sim.info.credentials.bitbucket?.accessToken;
    if (!token) throw new Error('the demo tenant has no Bitbucket workspace');
    const deps = { db: handle.db, now: () => now, allowHosts: sync.allowHosts, baseUrls: sync.baseUrls };
    const others = [
      await runScan(deps, {
        connection: { kind: 'bitbucket', workspace: 'acme', credential: { kind: 'access-token', token } },
      }),
    ];
    for (const dc of sim.info.dataCenterSites) {
      others.push(
        await runScan(deps, {
          connection: {
            kind: 'data-center',
            baseUrl: dc.url,
            personalAccessToken: dc.credentials.adminToken,
          },
        }),
      );
    }
    let outcomes = (await snapshotOutcomes(handle.db, id, result.snapshotVersion)).length;
    for (const other of others) {
      const read = await snapshotOutcomes(handle.db, other.connection.id, other.snapshotVersion);
      outcomes += read.filter((o) => o.scope !== 'org').length;
    }
    return {
      report: combineReports(
        report,
        others.map((o) => o.report),
      ),
      outcomes,
      secrets: issuedSecrets(sim.info),
    };
  } finally {
    await handle.close();
    await sim.stop();
  }
}

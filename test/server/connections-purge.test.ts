import assert from 'node:assert/strict';
import { after } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { recordAudit } from '../../src/audit/audit-log.ts';
import { createSecretBox } from '../../src/connections/credentials/secret-box.ts';
import { createTokenConnection } from '../../src/connections/managed/create-connection.ts';
import { purgeConnection } from '../../src/connections/managed/purge-connection.ts';
import { scanRequestFor } from '../../src/connections/managed/scan-request.ts';
import { grantWriteConsent } from '../../src/connections/managed/write-consent.ts';
import { dialectOf } from '../../src/db/dialect-of.ts';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { runScan } from '../../src/scan/run-scan.ts';

// Deleting a connection leaves nothing of it but the audit log: after a real scan of the simulated
// organization (inventory, snapshots, runs, findings…) and the server's own rows (profile,
// credentials, scans), every table of the database that has a connection_id — read from the
// database itself, so a table added later is covered without editing this test — holds no row of it.

const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, new Date()) });
after(() => sim.stop());

async function tablesWithConnectionId(db: Kysely<Database>): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const rows = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where column_name = 'connection_id' and table_schema = current_schema()`.execute(db);
    return rows.rows.map((r) => r.table_name).sort();
  }
  const rows = await sql<{ name: string }>`
    select m.name from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and p.name = 'connection_id'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

async function rowsPerTable(db: Kysely<Database>, id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tablesWithConnectionId(db)) {
    const row = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} where connection_id = ${id}`.execute(db);
    out[table] = Number(row.rows[0]?.n ?? 0);
  }
  return out;
}

forEachDatabase(
  'purging a scanned connection removes every row of it from every table but the audit log, and leaves other connections alone',
  async (_t, database) => {
    const { allowHosts, baseUrls } = simConnection(sim.info);
    const now = () => new Date();
    const deps = {
      db: database.db,
      secretBox: createSecretBox(Buffer.alloc(32, 7)),
      allowHosts,
      baseUrls,
      now,
    };
    const { admin, orgApiKey } = sim.info.credentials;
    const { connectionId } = await createTokenConnection(
      deps,
      { method: 'api-token', adminEmail: admin.email, apiToken: admin.apiToken, orgApiKey },
      null,
    );
    await grantWriteConsent(deps, connectionId, { adminEmail: admin.email, apiToken: admin.apiToken }, null);
    const result = await runScan(
      { db: database.db, now, allowHosts, baseUrls },
      await scanRequestFor(deps, connectionId),
    );
    assert.equal(result.connection.id, connectionId);
    await database.db
      .insertInto('scans')
      .values({
        id: 'scan-1',
        connection_id: connectionId,
        trigger: 'first',
        requested_by: null,
        status: 'success',
        reason: null,
        progress: null,
        queued_at: now().toISOString(),
        started_at: now().toISOString(),
        finished_at: now().toISOString(),
        sync_run_id: null,
        snapshot_version: 1,
        calls: 1,
        retries: 0,
        rate_limited: 0,
        holder: null,
      })
      .execute();
    await recordAudit(database.db, {
      actor: 'someone',
      action: 'connection.create',
      subject: `connection:${connectionId}`,
      connectionId,
      at: now(),
    });
    // Another connection's rows stay.
    await database.db
      .insertInto('connections')
      .values({ id: 'other', name: 'Other', org_id: null, sites: '[]', created_at: 'x', updated_at: 'x' })
      .execute();

    const before = await rowsPerTable(database.db, connectionId);
    for (const table of [
      'inventory_items',
      'snapshots',
      'sync_runs',
      'connection_credentials',
      'connection_profiles',
      'scans',
      'audit_log',
    ]) {
      assert.ok((before[table] ?? 0) > 0, `${table} has rows of the connection before the purge`);
    }
    await purgeConnection(database.db, connectionId);

    const left = Object.entries(await rowsPerTable(database.db, connectionId)).filter(([, n]) => n > 0);
    assert.deepEqual(left, [['audit_log', 1]]);
    const outcomes = await database.db.selectFrom('dataset_outcomes').select('run_id').execute();
    assert.deepEqual(outcomes, []);
    assert.ok(
      await database.db.selectFrom('connections').select('id').where('id', '=', 'other').executeTakeFirst(),
    );
  },
  { timeout: 120_000 },
);

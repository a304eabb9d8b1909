import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { DatabaseOptions } from '../../src/db/create-database.ts';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase, openTestDatabase } from '../../src/db/testing/test-database.ts';
import { listRuns } from '../../src/inventory/sync-runs.ts';
import { syncConnection } from '../../src/sync/sync-connection.ts';
import {
  duplicateOpenRows,
  inventoryDifferences,
  readInventory,
  snapshotStatuses,
  withoutVolatile,
} from './inventory-view.ts';
import { type SimulatedOrg, startSimulatedOrg } from './simulated-org.ts';

// A sync of the demo scenario in a child process, SIGKILLed once the database shows pages stored
// and a dataset half read; the same sync run again in this process on the same database must take
// the run over, continue from the checkpoints, and publish one complete snapshot equal to a clean
// sync's. Latency on the per-parent endpoints keeps the child busy for a few seconds.

const CHILD = fileURLToPath(new URL('./sync-child.ts', import.meta.url));
const SLOW = {
  rules: [
    {
      endpoints: [
        'jira.projectRole.get',
        'jira.projectPermissionScheme.get',
        'jira.groupMembers.list',
        'usermgmt.apiTokens.list',
      ],
      latencyMs: 60,
    },
  ],
};

interface OutcomeRow {
  dataset: string;
  scope: string;
  status: string;
  pages: number;
  checkpoint: string | null;
}

async function outcomeRows(db: Kysely<Database>): Promise<OutcomeRow[]> {
  const rows = await db
    .selectFrom('dataset_outcomes')
    .select(['dataset', 'scope', 'status', 'pages', 'checkpoint'])
    .execute();
  return rows.map((r) => ({ ...r, pages: Number(r.pages) }));
}

const FINAL = new Set(['ok', 'partial', 'forbidden', 'failed']);

/**
 * Runs the child sync and SIGKILLs it as soon as some datasets are finished and another has stored
 * pages and a checkpoint without finishing. Returns the outcomes as the kill left them.
 */
async function killMidSync(org: SimulatedOrg, database: DatabaseOptions, db: Kysely<Database>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', CHILD, JSON.stringify({ database, simulator: org.sim.info })],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit');
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      assert.equal(child.exitCode, null, `the child finished before it could be killed:\n${output}`);
      assert.ok(Date.now() < deadline, `no half-read dataset within 30 s:\n${output}`);
      const rows = await outcomeRows(db).catch(() => []);
      const finished = rows.filter((r) => FINAL.has(r.status)).length;
      const halfRead = rows.some((r) => r.status === 'running' && r.pages > 0 && r.checkpoint !== null);
      if (finished >= 15 && halfRead) break;
      // Not faster: the simulator shares this process, and polling competes with it.
      await sleep(50);
    }
    child.kill('SIGKILL');
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, 'SIGKILL');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  assert.ok(!output.includes('finished'), 'the child never finished');
  return outcomeRows(db);
}

forEachDatabase(
  'a sync killed with SIGKILL mid-run resumes from its checkpoints and publishes one complete snapshot',
  async (t, { db, options }) => {
    const org = await startSimulatedOrg({ scenario: 'demo' });
    try {
      const connectionId = org.sync.connection.id;
      const ownTokens = [org.expected.credentials.adminTokenId];
      const run = (target: Kysely<Database>) =>
        syncConnection({
          db: target,
          connection: org.sync.connection,
          allowHosts: org.sync.allowHosts,
          baseUrls: org.sync.baseUrls,
        });

      // What a clean, uninterrupted sync stores and costs.
      const clean = await openTestDatabase('sqlite');
      let cleanCalls: number;
      let cleanView: Awaited<ReturnType<typeof readInventory>>;
      try {
        const result = await run(clean.db);
        assert.equal(result.status, 'success');
        cleanCalls = result.api.calls;
        cleanView = withoutVolatile(await readInventory(clean.db, connectionId), ownTokens);
      } finally {
        await clean.close();
      }

      await org.control.reset();
      await org.control.faults(SLOW);
      const started = Date.now();
      const atKill = await killMidSync(org, options, db);
      const childCalls = (await org.control.counters()).totalCalls;
      const halfRead = atKill.filter((r) => r.status === 'running' && r.pages > 0 && r.checkpoint !== null);
      t.diagnostic(
        `killed after ${Date.now() - started} ms and ${childCalls} calls: ` +
          `${atKill.filter((r) => FINAL.has(r.status)).length} of ${atKill.length} datasets done, ` +
          `${atKill.reduce((n, r) => n + r.pages, 0)} pages stored, ` +
          `half read: ${halfRead.map((r) => `${r.dataset}@${r.scope.slice(0, 8)} (${r.pages} pages)`).join(', ')}`,
      );
      assert.deepEqual(await snapshotStatuses(db, connectionId), ['1:building']);

      await org.control.resetCounters();
      const resumedAt = Date.now();
      const result = await run(db);
      t.diagnostic(
        `resumed: ${result.api.calls} calls, ${Date.now() - resumedAt} ms (clean sync: ${cleanCalls} calls)`,
      );

      assert.equal(
        result.status,
        'success',
        JSON.stringify(result.outcomes.filter((o) => o.status !== 'ok')),
      );
      assert.equal(result.resumed, true);
      assert.equal(result.snapshotVersion, 1);
      assert.deepEqual(await snapshotStatuses(db, connectionId), ['1:complete']);
      assert.deepEqual(
        (await listRuns(db, connectionId)).map((r) => r.status),
        ['success'],
        'the killed run was taken over, not abandoned beside a new one',
      );
      for (const o of result.outcomes) assert.equal(o.status, 'ok', `${o.dataset}: ${o.reason}`);

      // Resumed, not restarted: datasets finished before the kill are not read again, and the
      // half-read ones continue their page numbering from the checkpoint.
      // Each page stored before the kill cost at least one call (the derived app inventory aside) that
      // a restart would make again and a resume does not.
      const storedPages = atKill
        .filter((r) => r.dataset !== 'apps.installations')
        .reduce((n, r) => n + r.pages, 0);
      assert.ok(
        result.api.calls <= cleanCalls - storedPages,
        `${result.api.calls} calls after the kill ≤ ${cleanCalls} (clean) - ${storedPages} (pages stored)`,
      );
      const after = await outcomeRows(db);
      for (const r of halfRead) {
        const now = after.find((a) => a.dataset === r.dataset && a.scope === r.scope);
        assert.ok(now && now.pages >= r.pages, `${r.dataset} kept its ${r.pages} stored pages`);
      }

      // One complete snapshot, equal to the clean sync's: nothing duplicated, nothing lost.
      const view = withoutVolatile(await readInventory(db, connectionId), ownTokens);
      assert.deepEqual(inventoryDifferences(view, cleanView), []);
      assert.deepEqual(await duplicateOpenRows(db), []);
    } finally {
      await org.stop();
    }
  },
  { file: true, timeout: 60_000 },
);

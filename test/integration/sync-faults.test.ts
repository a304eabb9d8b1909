import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../src/db/create-database.ts';
import type { Database } from '../../src/db/schema.ts';
import {
  openTestDatabase,
  POSTGRES_SKIP_MESSAGE,
  testPostgresUrl,
} from '../../src/db/testing/test-database.ts';
import { listRuns } from '../../src/inventory/sync-runs.ts';
import type { SyncProgress } from '../../src/sync/run-sync.ts';
import {
  type ConnectionSyncResult,
  type SyncConnectionDeps,
  syncConnection,
} from '../../src/sync/sync-connection.ts';
import {
  countRows,
  duplicateOpenRows,
  type InventoryView,
  inventoryDifferences,
  readInventory,
  snapshotStatuses,
  viewId,
  withoutVolatile,
} from './inventory-view.ts';
import { type SimulatedOrg, startSimulatedOrg } from './simulated-org.ts';

// The demo scenario synced under each fault the simulator can inject, each time into a fresh
// database and from a freshly reset tenant: the run ends with the right status and per-dataset
// outcomes, and the stored inventory is the clean sync's — no row duplicated, none lost.

let shared: Promise<{ org: SimulatedOrg; clean: InventoryView; cleanCalls: number }> | undefined;
/** The simulator, and a clean sync's inventory to compare every faulty sync with. */
function baseline() {
  shared ??= (async () => {
    const org = await startSimulatedOrg({ scenario: 'demo' });
    const database = await openTestDatabase('sqlite');
    try {
      const result = await sync(org, database.db);
      assert.equal(result.status, 'success');
      return { org, clean: await stableView(org, database.db), cleanCalls: result.api.calls };
    } finally {
      await database.close();
    }
  })();
  return shared;
}
after(async () => {
  if (shared) await (await shared).org.stop();
});

function sync(
  org: SimulatedOrg,
  db: Kysely<Database>,
  clientOptions?: SyncConnectionDeps['clientOptions'],
): Promise<ConnectionSyncResult> {
  return syncConnection({
    db,
    connection: org.sync.connection,
    allowHosts: org.sync.allowHosts,
    baseUrls: org.sync.baseUrls,
    ...(clientOptions ? { clientOptions } : {}),
  });
}

async function stableView(org: SimulatedOrg, db: Kysely<Database>): Promise<InventoryView> {
  return withoutVolatile(await readInventory(db, org.sync.connection.id), [
    org.expected.credentials.adminTokenId,
  ]);
}

function outcomes(result: ConnectionSyncResult): string[] {
  return result.outcomes.map(
    (o) => `${o.dataset}@${o.scope}: ${o.status}${o.reason ? ` (${o.reason})` : ''}`,
  );
}

interface FaultCase {
  name: string;
  faults: unknown;
  /** Client options for this case's sync (the defaults otherwise). */
  clientOptions?: SyncConnectionDeps['clientOptions'];
  dialects: Dialect[];
  check(result: ConnectionSyncResult, context: CaseContext): Promise<void>;
}

interface CaseContext {
  db: Kysely<Database>;
  org: SimulatedOrg;
  clean: InventoryView;
  cleanCalls: number;
}

/** Success with every dataset ok, the clean inventory, no list read twice. */
async function recovers(result: ConnectionSyncResult, { db, org, clean, cleanCalls }: CaseContext) {
  assert.equal(result.status, 'success', outcomes(result).join('\n'));
  assert.equal(result.snapshotVersion, 1);
  for (const o of result.outcomes) assert.equal(o.status, 'ok', `${o.dataset}@${o.scope}: ${o.reason}`);
  assert.deepEqual(inventoryDifferences(await stableView(org, db), clean), []);
  assert.deepEqual(await duplicateOpenRows(db), []);
  assert.equal(
    result.api.calls - result.api.retries,
    cleanCalls,
    'every call beyond the clean sync’s is a retry',
  );
}

const CASES: FaultCase[] = [
  {
    name: 'a 429 storm (20 calls a second, bursts of 5)',
    faults: { rateLimit: { perSecond: 20, burst: 5 } },
    dialects: ['sqlite', 'postgres'],
    check: recovers,
  },
  {
    name: '10% of calls answering 5xx',
    faults: { rules: [{ errorRate: 0.1 }] },
    // The simulator draws every call's fault from one seeded sequence, so which call gets which
    // draw depends on scheduling: under a loaded test run one call once drew 5 failures and
    // used up the default 5 attempts. 8 attempts put that out of reach (1 in 10^8 per call) while
    // every failure is still retried.
    clientOptions: { maxAttempts: 8 },
    dialects: ['sqlite'],
    check: async (result, context) => {
      assert.ok(result.api.retries > 0, 'some calls were retried');
      await recovers(result, context);
    },
  },
  {
    name: '50 ms of latency on every call',
    faults: { rules: [{ latencyMs: 50 }] },
    dialects: ['sqlite'],
    check: recovers,
  },
  {
    name: 'a malformed body on every jira.filters call',
    faults: { rules: [{ endpoints: ['jira.filters.search'], malformedRate: 1 }] },
    dialects: ['sqlite'],
    check: async (result, { db, org, clean }) => {
      assert.equal(result.status, 'success', outcomes(result).join('\n'));
      const jiraSites = org.expected.sites.filter((s) => s.jira).map((s) => s.id);
      for (const o of result.outcomes) {
        if (o.dataset === 'jira.filters') {
          assert.equal(o.status, 'failed');
          assert.match(o.reason ?? '', /not valid JSON|malformed|unreadable|parse/i);
        } else assert.equal(o.status, 'ok', `${o.dataset}: ${o.reason}`);
      }
      assert.match(result.reason ?? '', new RegExp(`${jiraSites.length} failed`));
      // Everything but the filters is the clean inventory; the filters, never read, are absent.
      const expected: InventoryView = new Map(clean);
      for (const site of jiraSites) expected.delete(viewId('jira.filters', site));
      assert.deepEqual(inventoryDifferences(await stableView(org, db), expected), []);
      assert.deepEqual(await duplicateOpenRows(db), []);
    },
  },
  {
    name: 'the token revoked after 60 calls',
    faults: { rules: [{ revokeAfterCalls: 60 }] },
    dialects: ['sqlite', 'postgres'],
    check: async (result, { db, org, clean }) => {
      const connectionId = org.sync.connection.id;
      assert.equal(result.status, 'error');
      assert.match(
        result.reason ?? '',
        /^the (site credential .*|org API key) was refused by \S+ \(401: revoked or expired\)/,
      );
      assert.equal(result.snapshotVersion, null);
      assert.ok(
        result.outcomes.some((o) => o.status === 'failed' && /revoked or expired/.test(o.reason ?? '')),
        'the datasets cut short say why',
      );
      // Nothing published: no complete version, nothing readable, the version's rows discarded.
      assert.deepEqual(await snapshotStatuses(db, connectionId), ['1:discarded']);
      assert.equal((await readInventory(db, connectionId)).size, 0);
      assert.equal(await countRows(db), 0);
      const [run] = await listRuns(db, connectionId);
      assert.equal(run?.status, 'error');
      // Reconnected (the simulator restores the token), the next sync publishes the clean inventory.
      await org.control.reset();
      const next = await sync(org, db);
      assert.equal(next.status, 'success', outcomes(next).join('\n'));
      assert.equal(next.resumed, false);
      assert.deepEqual(inventoryDifferences(await stableView(org, db), clean), []);
    },
  },
];

for (const c of CASES) {
  for (const dialect of c.dialects) {
    const skip = dialect === 'postgres' && !testPostgresUrl() ? POSTGRES_SKIP_MESSAGE : false;
    test(`a sync under ${c.name} ends with the right outcomes and the clean inventory (${dialect})`, {
      skip,
      timeout: 60_000,
    }, async (t) => {
      const { org, clean, cleanCalls } = await baseline();
      const database = await openTestDatabase(dialect);
      try {
        await org.control.reset();
        await org.control.faults(c.faults);
        const started = Date.now();
        const result = await sync(org, database.db, c.clientOptions);
        const served = await org.control.counters();
        t.diagnostic(
          `${c.name}: ${result.status}, ${result.api.calls} calls (${result.api.retries} retries, ` +
            `${result.api.rateLimited} rate-limited; served ${served.served429} 429s, ${served.served5xx} 5xx, ` +
            `${served.malformed} malformed), ${Date.now() - started} ms`,
        );
        await c.check(result, { db: database.db, org, clean, cleanCalls });
      } finally {
        await org.control.reset();
        await database.close();
      }
    });
  }
}

// Palisade paces itself from the rate-limit headers, so the storm above may never serve a 429.
// Two syncs sharing one token (two Palisade workers, say) spend the same buckets, and each sees
// the other's spending only after the fact: 429s with Retry-After, which both must ride out.
test('two syncs sharing one token get 429s, wait them out and both store the clean inventory (sqlite)', {
  timeout: 60_000,
}, async (t) => {
  const { org, clean, cleanCalls } = await baseline();
  const databases = await Promise.all([openTestDatabase('sqlite'), openTestDatabase('sqlite')]);
  try {
    await org.control.reset();
    await org.control.faults({ rateLimit: { perSecond: 100, burst: 5 } });
    const started = Date.now();
    const results = await Promise.all(databases.map((d) => sync(org, d.db)));
    const served = await org.control.counters();
    t.diagnostic(
      `shared token: ${served.served429} 429s served, ${results.map((r) => `${r.api.calls} calls (${r.api.rateLimited} rate-limited)`).join(' and ')}, ${Date.now() - started} ms`,
    );
    assert.ok(served.served429 > 0, 'the shared buckets overflowed');
    assert.ok(results.some((r) => r.api.rateLimited > 0));
    for (const [i, result] of results.entries())
      await recovers(result, { db: databases[i]!.db, org, clean, cleanCalls });
  } finally {
    await org.control.reset();
    await Promise.all(databases.map((d) => d.close()));
  }
});

// Atlassian's hourly quota, shortened to a few seconds: when it is spent the whole connection
// waits for the window to end — every host at once, saying so in the progress — and the sync
// then completes with the clean inventory.
test('a sync that spends the hourly quota waits for it, says so, and stores the clean inventory (sqlite)', {
  timeout: 120_000,
}, async (t) => {
  const { org, clean, cleanCalls } = await baseline();
  const database = await openTestDatabase('sqlite');
  try {
    await org.control.reset();
    const perWindow = Math.ceil(cleanCalls / 3);
    await org.control.faults({ hourlyQuota: { calls: perWindow, windowSeconds: 2 } });
    const waits: SyncProgress[] = [];
    const started = Date.now();
    const result = await syncConnection({
      db: database.db,
      connection: org.sync.connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
      onProgress: (p) => {
        if (p.event === 'waiting') waits.push(p);
      },
    });
    const served = await org.control.counters();
    const elapsed = Date.now() - started;
    t.diagnostic(
      `hourly quota of ${perWindow} per 2 s: ${result.api.calls} calls, ${served.served429} 429s, ${waits.length} waits, ${elapsed} ms`,
    );
    assert.ok(waits.length >= 2, 'each spent window was announced');
    assert.ok(
      waits.every((w) => w.waitingFor === 'hourly-quota' && Date.parse(w.waitingUntil ?? '') > started),
    );
    assert.ok(elapsed >= 4000, 'the sync waited for at least two windows to end');
    // Each window ends with the calls then in flight refused (at most the client's concurrency
    // of 8), never with every host running into the spent quota on its own.
    const windows = Math.ceil((served.totalCalls - served.served429) / perWindow);
    assert.ok(served.served429 <= 8 * windows, `${served.served429} 429s over ${windows} windows`);
    await recovers(result, { db: database.db, org, clean, cleanCalls });
  } finally {
    await org.control.reset();
    await database.close();
  }
});

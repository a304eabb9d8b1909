import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { ApiPause } from '../atlassian/api.ts';
import { CredentialRejectedError, ForbiddenError } from '../atlassian/errors.ts';
import type { Database } from '../db/schema.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import type { DatasetOutcomeRecord } from '../inventory/dataset-outcomes.ts';
import { readDataset } from '../inventory/read-dataset.ts';
import { getSnapshot, latestSnapshot } from '../inventory/snapshots.ts';
import { createRun, getRun } from '../inventory/sync-runs.ts';
import type { Collector } from './collector.ts';
import { runSync, type SyncDeps, type SyncProgress } from './run-sync.ts';
import { SyncInterruptedError } from './sync-errors.ts';
import { fakeApi } from './testing/fake-api.ts';
import { concurrencyGauge, fakeCollector, pagesOf } from './testing/fake-collector.ts';
import { CONNECTION, saveTestConnection } from './testing/sync-fixture.ts';

const site = { dataset: 'jira.projects', scope: 'site' as const, product: 'jira' as const };
const now = () => new Date('2025-06-01T12:00:00Z');
const keys = (items: { key: string }[]) => items.map((i) => i.key);
const outcome = (result: { outcomes: DatasetOutcomeRecord[] }, dataset: string, scope = 'org') =>
  result.outcomes.find((o) => o.dataset === dataset && o.scope === scope);

async function sync(db: Kysely<Database>, collectors: Collector[], extra: Partial<SyncDeps> = {}) {
  return runSync({ db, api: fakeApi(), collectors, connection: CONNECTION, now, ...extra });
}

async function itemRows(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('inventory_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

forEachDatabase(
  'a sync reads every dataset of the org and of each site with the product, and publishes',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const projects = fakeCollector({ ...site, pages: pagesOf('P', 3, 2) });
    const result = await sync(db, [
      fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 5, 2) }),
      projects,
    ]);

    assert.equal(result.status, 'success');
    assert.equal(result.snapshotVersion, 1);
    assert.equal(result.resumed, false);
    assert.deepEqual([result.datasetsDone, result.datasetsTotal, result.itemsRead], [2, 2, 8]);
    assert.deepEqual(
      result.outcomes.map((o) => [o.dataset, o.scope, o.status, o.items]),
      [
        ['jira.projects', 'site-j', 'ok', 3],
        ['org.users', 'org', 'ok', 5],
      ],
    );
    // Only the Jira site has Jira projects to read.
    assert.deepEqual(
      projects.calls.map((c) => c.scope),
      ['site-j'],
    );
    assert.equal((await readDataset(db, CONNECTION.id, 'org.users')).length, 5);
    assert.deepEqual(keys(await readDataset(db, CONNECTION.id, 'jira.projects', { scope: 'site-j' })), [
      'P-0000',
      'P-0001',
      'P-0002',
    ]);
    const run = await getRun(db, result.runId);
    assert.equal(run?.status, 'success');
    assert.ok(run?.startedAt && run.finishedAt);
  },
);

forEachDatabase(
  'a dataset runs after those it depends on and reads what this sync collected for them',
  async (_t, { db }) => {
    await saveTestConnection(db);
    let version = 'v1';
    const groups = fakeCollector({
      dataset: 'org.groups',
      delayMs: 5,
      pages: () => [[{ key: 'admins', data: { version } }]],
    });
    const seen: unknown[] = [];
    const members = fakeCollector({
      dataset: 'org.group-members',
      dependsOn: ['org.groups'],
      pages: async (ctx) => {
        const parents = await ctx.items('org.groups');
        seen.push(parents.map((p) => p.data));
        return [parents.map((p) => ({ key: `${p.key}:ann`, data: { group: p.key } }))];
      },
    });
    // Listed first, yet it must wait for its dependency.
    await sync(db, [members, groups]);
    assert.ok((groups.calls[0]?.finishedAt ?? Infinity) < (members.calls[0]?.startedAt ?? 0));
    version = 'v2';
    await sync(db, [members, groups]);
    assert.deepEqual(seen, [[{ version: 'v1' }], [{ version: 'v2' }]]);
    assert.deepEqual(keys(await readDataset(db, CONNECTION.id, 'org.group-members')), ['admins:ann']);
  },
);

forEachDatabase(
  'independent datasets are collected concurrently, never more than the limit at once',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const gauge = concurrencyGauge();
    const collectors = Array.from({ length: 8 }, (_, i) =>
      fakeCollector({ dataset: `org.d${i}`, pages: pagesOf(`d${i}`, 4, 2), delayMs: 15, gauge }),
    );
    const result = await sync(db, collectors);
    assert.equal(result.status, 'success');
    assert.equal(gauge.max, 4);

    const serial = concurrencyGauge();
    await sync(
      db,
      collectors.map((c, i) =>
        fakeCollector({ dataset: c.dataset, pages: pagesOf(`d${i}`, 4, 2), gauge: serial }),
      ),
      { concurrency: 1 },
    );
    assert.equal(serial.max, 1);
  },
);

forEachDatabase(
  'a forbidden or failing dataset gets its outcome, keeps its previous data, and the sync still publishes',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const first = await sync(db, [
      fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 4, 2) }),
      fakeCollector({ dataset: 'org.policies', pages: pagesOf('p', 2, 2) }),
    ]);
    assert.equal(first.status, 'success');

    const site403 = {
      endpointId: 'admin.policies',
      method: 'GET',
      url: 'api.atlassian.com/admin/v1/orgs/x/policies',
      status: 403,
    };
    const result = await sync(db, [
      // Changed data on page 0, then a failure on page 1: nothing of it may show.
      fakeCollector({
        dataset: 'org.users',
        pages: pagesOf('u', 4, 2, { changed: true }),
        failAt: { page: 1, error: new Error('Atlassian returned an unexpected body') },
      }),
      fakeCollector({
        dataset: 'org.policies',
        pages: [],
        failAt: {
          page: 0,
          error: new ForbiddenError(site403, 'the org API key lacks this scope', ['read:policies:admin']),
        },
      }),
      fakeCollector({ dataset: 'org.domains', pages: pagesOf('d', 1, 1) }),
    ]);

    assert.equal(result.status, 'success');
    assert.equal(result.reason, '1 failed, 1 forbidden of 3 datasets');
    assert.equal(result.snapshotVersion, 2);
    assert.deepEqual(
      result.outcomes.map((o) => [o.dataset, o.status, o.reason, o.missingScope]),
      [
        ['org.domains', 'ok', null, null],
        ['org.policies', 'forbidden', 'the org API key lacks this scope', 'read:policies:admin'],
        ['org.users', 'failed', 'Atlassian returned an unexpected body', null],
      ],
    );
    const users = await readDataset<{ changed?: boolean }>(db, CONNECTION.id, 'org.users');
    assert.equal(users.length, 4);
    assert.ok(users.every((u) => u.data.changed === undefined));
    assert.equal((await readDataset(db, CONNECTION.id, 'org.policies')).length, 2);
    assert.equal((await readDataset(db, CONNECTION.id, 'org.domains')).length, 1);
  },
);

forEachDatabase('a rejected credential ends the run in error and publishes nothing', async (_t, { db }) => {
  await saveTestConnection(db);
  await sync(db, [fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 4, 2) })]);
  const rowsBefore = await itemRows(db);

  const revoked = new CredentialRejectedError({
    endpointId: 'admin.users',
    method: 'GET',
    url: 'api.atlassian.com/x',
    status: 401,
  });
  const result = await sync(db, [
    fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 6, 2, { v: 2 }), delayMs: 5 }),
    fakeCollector({ dataset: 'org.groups', pages: pagesOf('g', 4, 2), failAt: { page: 1, error: revoked } }),
    fakeCollector({ dataset: 'org.domains', pages: pagesOf('d', 2, 1), delayMs: 30 }),
  ]);

  assert.equal(result.status, 'error');
  // The reason names the credential and the host that refused it.
  const named = 'the org API key was refused by api.atlassian.com (401: revoked or expired) — reconnect';
  assert.equal(result.reason, named);
  assert.equal(result.snapshotVersion, null);
  assert.equal(outcome(result, 'org.groups')?.status, 'failed');
  assert.equal(outcome(result, 'org.groups')?.reason, named);
  assert.equal((await latestSnapshot(db, CONNECTION.id))?.version, 1);
  assert.equal((await getSnapshot(db, CONNECTION.id, 2))?.status, 'discarded');
  assert.equal(await itemRows(db), rowsBefore);
  assert.equal((await getRun(db, result.runId))?.status, 'error');

  // After reconnecting, the next sync starts a fresh version.
  const next = await sync(db, [fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 6, 2) })]);
  assert.deepEqual([next.status, next.snapshotVersion], ['success', 3]);
  assert.equal((await readDataset(db, CONNECTION.id, 'org.users')).length, 6);
});

forEachDatabase(
  'without org credentials the org datasets are forbidden and the site datasets still sync',
  async (_t, { db }) => {
    const connection = { ...CONNECTION, orgId: undefined };
    await saveTestConnection(db, connection);
    const dependent = fakeCollector({
      ...site,
      dataset: 'jira.users',
      dependsOn: ['org.users'],
      pages: pagesOf('ju', 2, 2),
    });
    const result = await sync(
      db,
      [fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 2, 2) }), dependent],
      {
        connection,
      },
    );
    assert.equal(result.status, 'success');
    assert.deepEqual(
      result.outcomes.map((o) => [o.dataset, o.scope, o.status, o.reason]),
      [
        ['jira.users', 'site-j', 'partial', 'depends on org.users@org, which was forbidden in this sync'],
        ['org.users', 'org', 'forbidden', 'no org credentials'],
      ],
    );
    assert.equal(outcome(result, 'org.users')?.missingScope, 'org API key');
    assert.equal((await readDataset(db, CONNECTION.id, 'jira.users')).length, 2);
  },
);

forEachDatabase(
  'an interrupted sync resumes from its checkpoint and publishes every item exactly once',
  async (_t, { db }) => {
    await saveTestConnection(db);
    // One dataset at a time: groups (2 pages) completes, users stops after 2 of its 10 pages.
    const make = () => [
      fakeCollector({ dataset: 'org.groups', pages: pagesOf('g', 6, 3) }),
      fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 20, 2), dependsOn: ['org.groups'] }),
    ];
    const controller = new AbortController();
    let pages = 0;
    await assert.rejects(
      sync(db, make(), {
        concurrency: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.event === 'page' && ++pages === 4) controller.abort();
        },
      }),
      SyncInterruptedError,
    );
    assert.equal(await latestSnapshot(db, CONNECTION.id), undefined);

    const [groups, users] = make();
    const result = await sync(db, [groups!, users!]);
    assert.equal(result.status, 'success');
    assert.equal(result.resumed, true);
    assert.equal(result.snapshotVersion, 1);
    assert.equal(groups?.calls.length, 0, 'a dataset finished before the interruption is not read again');
    assert.equal(users?.calls[0]?.resumeFrom, 'page:2');
    assert.equal(result.itemsRead, 26);
    assert.deepEqual(
      result.outcomes.map((o) => [o.dataset, o.status, o.items]),
      [
        ['org.groups', 'ok', 6],
        ['org.users', 'ok', 20],
      ],
    );
    assert.equal((await readDataset(db, CONNECTION.id, 'org.users')).length, 20);
    assert.equal((await readDataset(db, CONNECTION.id, 'org.groups')).length, 6);
    assert.equal(await itemRows(db), 26);
    const snapshots = await db.selectFrom('snapshots').select(['version', 'status']).execute();
    assert.deepEqual(
      snapshots.map((s) => ({ ...s })),
      [{ version: 1, status: 'complete' }],
    );
  },
);

forEachDatabase(
  'a resumed run drops the half-written data of a dataset it no longer collects',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const controller = new AbortController();
    await assert.rejects(
      sync(db, [fakeCollector({ ...site, pages: pagesOf('P', 6, 2) })], {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.event === 'page') controller.abort();
        },
      }),
      SyncInterruptedError,
    );
    // The Jira site is gone from the connection when the sync resumes.
    const connection = { ...CONNECTION, sites: CONNECTION.sites.filter((s) => s.cloudId !== 'site-j') };
    const result = await sync(db, [fakeCollector({ ...site, pages: pagesOf('P', 6, 2) })], { connection });
    assert.deepEqual([result.status, result.resumed], ['success', true]);
    assert.equal(result.reason, '1 failed of 1 datasets');
    assert.deepEqual(
      result.outcomes.map((o) => [o.scope, o.status, o.reason]),
      [['site-j', 'failed', 'not collected: no longer part of this sync']],
    );
    assert.deepEqual(await readDataset(db, CONNECTION.id, 'jira.projects'), []);
    assert.equal(await itemRows(db), 0);
  },
);

forEachDatabase('a run queued as pending is the one the next sync carries out', async (_t, { db }) => {
  await saveTestConnection(db);
  const queued = await createRun(db, { id: 'queued-run', connectionId: CONNECTION.id }, now());
  const result = await sync(db, [fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 2, 2) })]);
  assert.deepEqual([result.runId, result.status, result.resumed], [queued.id, 'success', false]);
  assert.equal((await getRun(db, queued.id))?.snapshotVersion, 1);
});

forEachDatabase(
  'progress reports datasets done of the total and items read, as the run row does',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const events: SyncProgress[] = [];
    const result = await sync(
      db,
      [
        fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 5, 2) }),
        fakeCollector({ ...site, pages: pagesOf('P', 1, 1) }),
      ],
      { onProgress: (p) => events.push(p), concurrency: 1 },
    );
    assert.equal(events[0]?.event, 'started');
    assert.deepEqual(
      events[0] && [events[0].datasetsDone, events[0].datasetsTotal, events[0].itemsRead],
      [0, 2, 0],
    );
    const pages = events.filter((e) => e.event === 'page');
    assert.equal(pages.length, 4);
    assert.deepEqual(
      pages.map((p) => p.itemsRead),
      [...pages.map((p) => p.itemsRead)].sort((a, b) => a - b),
    );
    const datasets = events.filter((e) => e.event === 'dataset');
    assert.deepEqual(
      datasets.map((d) => d.datasetsDone),
      [1, 2],
    );
    const last = events.at(-1);
    assert.deepEqual(last && [last.event, last.datasetsDone, last.datasetsTotal, last.itemsRead], [
      'finished',
      2,
      2,
      6,
    ]);
    const run = await getRun(db, result.runId);
    assert.deepEqual(run && [run.datasetsDone, run.datasetsTotal, run.itemsRead], [2, 2, 6]);
  },
);

forEachDatabase(
  'a spent hourly quota shows in progress as a wait until the time calls resume, and only during the run',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const listeners = new Set<(pause: ApiPause) => void>();
    const api = {
      ...fakeApi(),
      onPause(listener: (pause: ApiPause) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const until = Date.parse('2025-06-01T13:04:30Z');
    const quotaHit: Collector = {
      dataset: 'org.users',
      scope: 'org',
      kind: 'snapshot',
      credential: 'org',
      endpoints: [],
      cost: () => 0,
      async *collect() {
        for (const listener of listeners)
          listener({ reason: 'hourly-quota', until, detail: 'jira-quota-tenant-based' });
        yield { items: [{ key: 'u1', data: { id: 'u1' } }], checkpoint: null };
      },
    };
    const events: SyncProgress[] = [];
    const result = await sync(db, [quotaHit], { api, onProgress: (p) => events.push(p) });
    assert.equal(result.status, 'success');
    const waits = events.filter((e) => e.event === 'waiting');
    assert.deepEqual(
      waits.map((w) => [w.waitingFor, w.waitingUntil]),
      [['hourly-quota', '2025-06-01T13:04:30.000Z']],
    );
    assert.equal(listeners.size, 0, 'the run stops listening when it ends');
  },
);

forEachDatabase('an aborted sync cancels the call a collector is waiting on', async (_t, { db }) => {
  await saveTestConnection(db);
  let ended: 'aborted' | 'answered' | undefined;
  const controller = new AbortController();
  const api = {
    ...fakeApi(),
    // Answers after a second, unless the call's signal aborts it first.
    call: (_id: string, options?: { signal?: AbortSignal }) =>
      new Promise<never>((_resolve, reject) => {
        const timer = setTimeout(() => {
          ended = 'answered';
          reject(new Error('answered'));
        }, 1000);
        options?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          ended = 'aborted';
          reject(options.signal?.reason);
        });
        // The sync is stopped while this call is in flight (not before it starts, which a slow
        // database could otherwise make happen).
        setTimeout(() => controller.abort(), 10);
      }),
  };
  const waiting: Collector = {
    dataset: 'org.users',
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.orgs.get'],
    cost: () => 1,
    async *collect(ctx) {
      await ctx.api.call('admin.orgs.get');
      yield { items: [], checkpoint: null };
    },
  };
  await assert.rejects(sync(db, [waiting], { api, signal: controller.signal }), SyncInterruptedError);
  assert.equal(ended, 'aborted');
});

forEachDatabase(
  'an append dataset continues from the cursor of the last published sync and keeps history',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const log = ['e1', 'e2', 'e3'];
    const audit = () =>
      fakeCollector({
        dataset: 'org.events',
        kind: 'append',
        pages: (ctx) => {
          const from = ctx.since ? log.indexOf(ctx.since) + 1 : 0;
          return [log.slice(from).map((id) => ({ key: id, data: { id } }))];
        },
        cursor: () => log.at(-1),
      });
    const first = audit();
    await sync(db, [first]);
    log.push('e4', 'e5');
    const second = audit();
    const result = await sync(db, [second]);
    assert.equal(second.calls[0]?.since, 'e3');
    assert.equal(outcome(result, 'org.events')?.items, 2);
    assert.deepEqual(keys(await readDataset(db, CONNECTION.id, 'org.events')), [
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
  },
);

forEachDatabase('a resync with nothing changed writes no item rows', async (_t, { db }) => {
  await saveTestConnection(db);
  const collectors = () => [
    fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 50, 10) }),
    fakeCollector({ ...site, pages: pagesOf('P', 7, 3) }),
  ];
  await sync(db, collectors());
  const before = await itemRows(db);
  const result = await sync(db, collectors());
  assert.equal(result.snapshotVersion, 2);
  assert.equal(await itemRows(db), before);
  assert.equal((await readDataset(db, CONNECTION.id, 'org.users')).length, 50);
});

forEachDatabase(
  'a collector that leaks a credential field fails its dataset without storing it',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const result = await sync(db, [
      fakeCollector({
        dataset: 'org.users',
        pages: [[{ key: 'svc', data: { name: 'svc', accessToken: 'eyJsecret' } }]],
      }),
    ]);
    assert.equal(result.status, 'success');
    assert.equal(outcome(result, 'org.users')?.status, 'failed');
    assert.match(outcome(result, 'org.users')?.reason ?? '', /credential field at \$\.accessToken/);
    assert.doesNotMatch(outcome(result, 'org.users')?.reason ?? '', /eyJsecret/);
    assert.equal(await itemRows(db), 0);
  },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createScratchDatabase } from '../src/db/testing/scratch-database.ts';
import { benchPostgresUrl } from './lib/bench-postgres.ts';
import { siteConnectionBody, startBenchServer } from './lib/bench-site.ts';
import { type PalisadeProcess, startPalisade } from './lib/palisade-process.ts';
import { startSimulators } from './lib/simulators-process.ts';

// Throughput of the worker fleet on PostgreSQL: `--orgs` simulated organizations (generated
// `small` tenants in one simulator process, the burst limit and latency on), a `palisade serve
// --no-worker` for the API, then for 1, 2 and 3 `palisade worker` processes in turn: every
// connection rescanned once, timed from the requests to the last scan's end. A warm-up round (the
// first scans, which connecting queues) runs with the most workers before. Ends with one JSON line:
// {"orgs":20,"workers":[1,2,3],"scansPerMinute":[a,b,c]}

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '20' },
    workers: { type: 'string', default: '1,2,3' },
    'rate-limit': { type: 'string', default: '50:100' },
    latency: { type: 'string', default: '25' },
    postgres: { type: 'string' },
  },
});
const orgs = Number(values.orgs);
const counts = (values.workers ?? '1,2,3').split(',').map(Number);
if (!Number.isInteger(orgs) || orgs < 1) throw new Error('--orgs must be a whole number of at least 1');
if (counts.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('--workers must list whole numbers, e.g. 1,2,3');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface ScanView {
  id: string;
  status: string;
}

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-workers-'));
const database = await createScratchDatabase(
  benchPostgresUrl(values.postgres),
  `palisade_bench_workers_${process.pid}`,
);
const sims = await startSimulators({
  count: orgs,
  size: 'small',
  rateLimit: values['rate-limit'] ?? '50:100',
  latencyMs: Number(values.latency),
});
const running: PalisadeProcess[] = [];
try {
  const { server, env, api } = await startBenchServer({
    databaseUrl: database.url,
    dataDir: dir,
    sims,
    serveArgs: ['--no-worker'],
  });
  running.push(server);
  const connectionIds: string[] = [];
  for (const info of sims.infos) {
    const { connection } = await api<{ connection: { id: string } }>(
      'POST',
      '/api/v1/connections',
      siteConnectionBody(info),
    );
    connectionIds.push(connection.id);
  }
  log(
    `${orgs} connections (site-only, small tenants, rate limit ${values['rate-limit']}, latency ${values.latency} ms)`,
  );

  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const waitForScans = async (ids: string[]) => {
    for (;;) {
      const { rows } = await pool.query<{ status: string; n: string }>(
        'select status, count(*) as n from scans where id = any($1) group by status',
        [ids],
      );
      const open = rows
        .filter((r) => r.status === 'queued' || r.status === 'running')
        .reduce((s, r) => s + Number(r.n), 0);
      if (open === 0) return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const firstScans = async () =>
    (
      await pool.query<{ id: string }>('select id from scans where status in ($1, $2)', ['queued', 'running'])
    ).rows.map((r) => r.id);

  const fleet = async (n: number) => {
    const workers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        startPalisade('worker', { name: `worker-${n}-${i + 1}`, env, logDir: dir }),
      ),
    );
    running.push(...workers);
    return async () => {
      await Promise.all(workers.map((w) => w.stop()));
      running.splice(0, running.length, ...running.filter((p) => !workers.includes(p)));
    };
  };

  const warmUp = Math.max(...counts);
  log(`warm-up: the first scans with ${warmUp} worker(s) …`);
  const stopWarm = await fleet(warmUp);
  const warmOutcome = await waitForScans(await firstScans());
  await stopWarm();
  log(`  ${JSON.stringify(warmOutcome)}`);

  const scansPerMinute: number[] = [];
  for (const n of counts) {
    const stop = await fleet(n);
    const started = performance.now();
    const ids: string[] = [];
    for (const id of connectionIds) {
      const { scan } = await api<{ scan: ScanView }>(
        'POST',
        `/api/v1/connections/${encodeURIComponent(id)}/scans`,
        {},
      );
      ids.push(scan.id);
    }
    const outcome = await waitForScans(ids);
    const minutes = (performance.now() - started) / 60_000;
    await stop();
    const perMinute = orgs / minutes;
    scansPerMinute.push(Number(perMinute.toFixed(2)));
    log(
      `${n} worker(s): ${orgs} scans in ${(minutes * 60).toFixed(1)} s = ${perMinute.toFixed(2)} scans/min ${JSON.stringify(outcome)}`,
    );
    if ((outcome.success ?? 0) !== orgs)
      log(`  warning: not every scan succeeded: ${JSON.stringify(outcome)}`);
  }
  await pool.end();
  const first = scansPerMinute[0];
  const last = scansPerMinute[scansPerMinute.length - 1];
  if (first && last) {
    log(`scaling ${counts[counts.length - 1]} workers / ${counts[0]} worker: ${(last / first).toFixed(2)}x`);
  }
  process.stdout.write(`${JSON.stringify({ orgs, workers: counts, scansPerMinute })}\n`);
} finally {
  await Promise.all(running.map((p) => p.stop()));
  await sims.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}

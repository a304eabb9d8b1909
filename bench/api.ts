import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScratchDatabase } from '../src/db/testing/scratch-database.ts';
import { benchPostgresUrl } from './lib/bench-postgres.ts';
import { orgConnectionBody, startBenchServer } from './lib/bench-site.ts';
import { type LoadFigures, load } from './lib/load.ts';
import { type PalisadeProcess, startPalisade } from './lib/palisade-process.ts';
import { startSimulators } from './lib/simulators-process.ts';

// The API under load while a scan runs: a `palisade serve --no-worker` process and a `palisade
// worker` on PostgreSQL, as docs/deploy.md lays out a server under load (`--jobs in-process`: one
// `serve` that runs the scans too), the `--size` tenant (default xl) connected and scanned once;
// then, with a rescan of it kept running, autocannon against each route at each concurrency for `--seconds`. Routes: overview
// (GET /api/v1/overview), findings (critical, 50 a page), findingsPage2 (the same filter's second
// page, through nextCursor), apps (GET /api/v1/apps). Ends with one JSON line (the highest
// concurrency): {"tenant":"xl","concurrency":200,"routes":{"<route>":{"rps","p50Ms","p99Ms","errors"}}}

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'xl' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '10' },
    'rate-limit': { type: 'string', default: '50:100' },
    latency: { type: 'string', default: '25' },
    postgres: { type: 'string' },
    jobs: { type: 'string', default: 'worker' },
  },
});
const jobs = values.jobs;
if (jobs !== 'worker' && jobs !== 'in-process') throw new Error('--jobs must be worker or in-process');
const size = values.size;
if (size !== 'small' && size !== 'large' && size !== 'xl')
  throw new Error('--size must be small, large or xl');
const levels = (values.concurrency ?? '50,200').split(',').map(Number);
if (levels.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('--concurrency must list whole numbers, e.g. 50,200');
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds < 1) throw new Error('--seconds must be at least 1');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface ConnectionView {
  id: string;
  status: { state: string; reason?: string; progress?: { phase: string } };
}

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-api-'));
const database = await createScratchDatabase(
  benchPostgresUrl(values.postgres),
  `palisade_bench_api_${process.pid}`,
);
log(`starting the simulator with a generated ${size} tenant …`);
const sims = await startSimulators({
  size,
  seed: Number(values.seed),
  rateLimit: values['rate-limit'] ?? '50:100',
  latencyMs: Number(values.latency),
});
let server: PalisadeProcess | undefined;
let worker: PalisadeProcess | undefined;
let keeping = false;
try {
  const started = await startBenchServer({
    databaseUrl: database.url,
    dataDir: dir,
    sims,
    serveArgs: jobs === 'worker' ? ['--no-worker'] : [],
  });
  server = started.server;
  if (jobs === 'worker') {
    worker = await startPalisade('worker', { name: 'worker', env: started.env, logDir: dir });
  }
  log(`jobs: ${jobs === 'worker' ? 'one palisade worker beside serve --no-worker' : 'in the serve process'}`);
  const { token, base, api } = started;
  const info = sims.infos[0];
  if (!info) throw new Error('no simulator');
  const { connection } = await api<{ connection: ConnectionView }>(
    'POST',
    '/api/v1/connections',
    orgConnectionBody(info),
  );
  const path = `/api/v1/connections/${encodeURIComponent(connection.id)}`;
  const state = async () => (await api<ConnectionView>('GET', path)).status;

  log('the first scan …');
  const t0 = performance.now();
  for (;;) {
    const status = await state();
    if (status.state === 'success' || status.state === 'error') {
      log(
        `  ${status.state}${status.reason ? ` (${status.reason})` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      if (status.state === 'error') throw new Error(`the first scan failed: ${status.reason ?? 'no reason'}`);
      break;
    }
    await sleep(1000);
  }

  const firstPage = `/api/v1/findings?severity=critical&limit=50`;
  const page = await api<{ items: unknown[]; total: number; nextCursor: string | null }>('GET', firstPage);
  log(
    `findings: ${page.total} critical, ${page.items.length} on the first page, next cursor ${page.nextCursor ? 'present' : 'none'}`,
  );
  const routes: Record<string, string> = {
    overview: '/api/v1/overview',
    findings: firstPage,
    ...(page.nextCursor
      ? { findingsPage2: `${firstPage}&cursor=${encodeURIComponent(page.nextCursor)}` }
      : {}),
    apps: '/api/v1/apps',
  };
  if (!page.nextCursor)
    log('  no second page of critical findings on this tenant: findingsPage2 is left out');

  // A scan runs throughout: one is requested whenever none is queued or running.
  keeping = true;
  let rescans = 0;
  let samples = 0;
  let scanning = 0;
  const keeper = (async () => {
    while (keeping) {
      const status = await state().catch(() => undefined);
      samples++;
      if (status?.state === 'in_progress') scanning++;
      if (status && status.state !== 'in_progress' && status.state !== 'pending') {
        await api('POST', `${path}/scans`, {}, [202, 409]);
        rescans++;
      }
      await sleep(1000);
    }
  })();

  const byLevel = new Map<number, Record<string, LoadFigures>>();
  for (const connections of levels) {
    const figures: Record<string, LoadFigures> = {};
    for (const [name, route] of Object.entries(routes)) {
      const r = await load({ url: `${base}${route}`, token, connections, seconds });
      figures[name] = { rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, errors: r.errors };
      log(
        `${String(connections).padStart(4)} conn  ${name.padEnd(14)} ${String(r.rps).padStart(8)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  errors ${r.errors}  ${JSON.stringify(r.statuses)}`,
      );
    }
    byLevel.set(connections, figures);
  }
  keeping = false;
  await keeper;
  log(
    `a scan was running in ${samples ? Math.round((100 * scanning) / samples) : 0}% of the 1 s samples (${rescans} rescans requested)`,
  );
  const top = Math.max(...levels);
  process.stdout.write(`${JSON.stringify({ tenant: size, concurrency: top, routes: byLevel.get(top) })}\n`);
} finally {
  keeping = false;
  await server?.stop();
  await worker?.stop();
  await sims.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

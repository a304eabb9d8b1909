import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createScratchDatabase } from '../src/db/testing/scratch-database.ts';
import { parseDuration } from '../src/server/server-env.ts';
import { benchPostgresUrl } from './lib/bench-postgres.ts';
import { siteConnectionBody, startBenchServer } from './lib/bench-site.ts';
import { type PalisadeProcess, startPalisade } from './lib/palisade-process.ts';
import { averageOf, type Sample, sampleProcess } from './lib/process-sampler.ts';
import { benchFaults, SOAK_FAULTS } from './lib/sim-faults.ts';
import { startSimulators } from './lib/simulators-process.ts';

// The soak: for `--duration` (default 15m), scans of `--orgs` simulated organizations back to
// back with faults on (the burst limit, 503s, malformed bodies, hangs), run by `--workers`
// `palisade worker` processes beside a `palisade serve --no-worker` that takes a steady API load
// (`--rps` requests per second over the findings, connections and, when they exist, overview and
// apps routes). Every 5 s it samples each process's RSS and open file descriptors; it prints the
// averages of the first and last `--window` (default 5m, at most a third of the run) and the
// growth. Ends with one JSON line:
// {"minutes","scans":{status:n},"requests","errors","processes":{"<name>":{"rssMbFirst","rssMbLast","fdsFirst","fdsLast"}}}

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15m' },
    window: { type: 'string', default: '5m' },
    orgs: { type: 'string', default: '5' },
    workers: { type: 'string', default: '2' },
    rps: { type: 'string', default: '50' },
    'rate-limit': { type: 'string', default: '50:100' },
    latency: { type: 'string', default: '25' },
    postgres: { type: 'string' },
  },
});
const durationMs = parseDuration(values.duration ?? '15m');
if (!durationMs || durationMs < 30_000)
  throw new Error('--duration must be a duration of at least 30s (90s, 5m, 15m)');
const windowMs = Math.min(parseDuration(values.window ?? '5m') ?? 300_000, durationMs / 3);
const orgs = Number(values.orgs);
const workerCount = Number(values.workers);
const rps = Number(values.rps);
if (!Number.isInteger(orgs) || orgs < 1) throw new Error('--orgs must be a whole number of at least 1');
if (!Number.isInteger(workerCount) || workerCount < 1)
  throw new Error('--workers must be a whole number of at least 1');
if (!Number.isFinite(rps) || rps < 1) throw new Error('--rps must be at least 1');
const rateLimit = values['rate-limit'] ?? '50:100';
const latencyMs = Number(values.latency);
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-soak-'));
const database = await createScratchDatabase(
  benchPostgresUrl(values.postgres),
  `palisade_bench_soak_${process.pid}`,
);
const sims = await startSimulators({ count: orgs, size: 'small', rateLimit, latencyMs });
const processes: PalisadeProcess[] = [];
let driving = false;
try {
  const { server, env, token, base, api } = await startBenchServer({
    databaseUrl: database.url,
    dataDir: dir,
    sims,
    serveArgs: ['--no-worker'],
  });
  processes.push(server);
  for (let i = 1; i <= workerCount; i++) {
    processes.push(await startPalisade('worker', { name: `worker-${i}`, env, logDir: dir }));
  }
  const ids: string[] = [];
  for (const info of sims.infos) {
    ids.push(
      (await api<{ connection: { id: string } }>('POST', '/api/v1/connections', siteConnectionBody(info)))
        .connection.id,
    );
  }
  // Faults on once connected (connecting verifies the credential and would fail on a 503).
  for (const [i, info] of sims.infos.entries()) {
    const res = await fetch(`${info.controlUrl}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(benchFaults(rateLimit, latencyMs, SOAK_FAULTS, i + 1)),
    });
    if (!res.ok)
      throw new Error(`the simulator refused the soak's faults: ${res.status} ${await res.text()}`);
  }

  const paths = [
    '/api/v1/findings?limit=50',
    '/api/v1/findings?severity=critical,high&limit=50',
    '/api/v1/connections',
  ];
  for (const optional of ['/api/v1/overview', '/api/v1/apps']) {
    const res = await fetch(`${base}${optional}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.ok) paths.push(optional);
    else log(`${optional} answers ${res.status}: left out of the load`);
  }
  log(
    `soak: ${Math.round(durationMs / 1000)} s, ${orgs} orgs, ${workerCount} worker(s), ${rps} req/s on ${paths.join(' ')}`,
  );

  // Scans back to back: a connection with no queued or running scan gets one.
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  driving = true;
  let requested = 0;
  const driver = (async () => {
    while (driving) {
      const { rows } = await pool.query<{ connection_id: string }>(
        "select distinct connection_id from scans where status in ('queued', 'running')",
      );
      const busy = new Set(rows.map((r) => r.connection_id));
      for (const id of ids) {
        if (busy.has(id) || !driving) continue;
        await api('POST', `/api/v1/connections/${encodeURIComponent(id)}/scans`, {}, [202, 409]);
        requested++;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  })();

  const watched = [
    ...processes.map((p) => ({ name: p.name, pid: p.pid })),
    { name: 'simulators', pid: sims.pid },
  ];
  const samples = new Map<string, Sample[]>(watched.map((w) => [w.name, []]));
  const started = performance.now();
  const sample = () => {
    const at = performance.now() - started;
    for (const w of watched) {
      const s = sampleProcess(w.pid, at);
      if (s) samples.get(w.name)?.push(s);
    }
  };
  sample();
  const sampler = setInterval(sample, 5000);
  const minuteLog = setInterval(() => {
    const at = Math.round((performance.now() - started) / 60_000);
    const now = watched.map((w) => {
      const last = samples.get(w.name)?.at(-1);
      return `${w.name} ${last ? `${last.rssMb.toFixed(0)} MB/${last.fds} fds` : 'gone'}`;
    });
    log(`  ${at} min: ${now.join(', ')}; ${requested} scans requested`);
  }, 60_000);

  const load = await autocannon({
    url: base,
    connections: 10,
    overallRate: rps,
    duration: Math.round(durationMs / 1000),
    headers: { authorization: `Bearer ${token}` },
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
    timeout: 10,
  });
  clearInterval(sampler);
  clearInterval(minuteLog);
  sample();
  driving = false;
  await driver;
  const elapsed = performance.now() - started;
  const { rows } = await pool.query<{ status: string; n: string }>(
    'select status, count(*) as n from scans group by status',
  );
  await pool.end();
  const scans = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));

  const figures: Record<
    string,
    { rssMbFirst: number; rssMbLast: number; fdsFirst: number; fdsLast: number }
  > = {};
  for (const w of watched) {
    const all = samples.get(w.name) ?? [];
    const first = averageOf(all, 0, windowMs);
    const last = averageOf(all, elapsed - windowMs, elapsed + 1);
    figures[w.name] = {
      rssMbFirst: first.rssMb,
      rssMbLast: last.rssMb,
      fdsFirst: first.fds,
      fdsLast: last.fds,
    };
    log(
      `${w.name.padEnd(11)} RSS ${first.rssMb} MB → ${last.rssMb} MB (${signed(last.rssMb - first.rssMb)} MB), open fds ${first.fds} → ${last.fds} (${signed(last.fds - first.fds)})`,
    );
  }
  const errors = load.errors + load.non2xx;
  log(
    `API: ${load.requests.total} requests, ${load.requests.average} req/s, p99 ${load.latency.p99} ms, ${errors} errors; scans ${JSON.stringify(scans)}`,
  );
  const codes: Record<string, number | null> = {};
  for (const p of processes) codes[p.name] = await p.stop();
  processes.length = 0;
  log(`exit codes after SIGTERM: ${JSON.stringify(codes)}`);
  process.stdout.write(
    `${JSON.stringify({
      minutes: Number((elapsed / 60_000).toFixed(1)),
      windowMinutes: Number((windowMs / 60_000).toFixed(1)),
      scans,
      requests: load.requests.total,
      errors,
      processes: figures,
    })}\n`,
  );
} finally {
  driving = false;
  await Promise.all(processes.map((p) => p.stop()));
  await sims.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
}

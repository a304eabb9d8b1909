import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { SimulatorInfo } from '../simulator/start.ts';
import { simConnection } from '../simulator/testing/sim-connection.ts';
import { createDatabase } from '../src/db/create-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { readDataset } from '../src/inventory/read-dataset.ts';
import { describedCollectors, minimumCalls } from '../src/sync/collectors/index.ts';
import { syncConnection } from '../src/sync/sync-connection.ts';
import { jiraJsBaseline } from './sync-baseline.ts';

// Syncs a generated tenant from a simulator running as its own process with latency and a burst
// limit on, and compares: API calls against the minimum possible, wall time against the bound
// the rate limit sets, this process's peak RSS, and a straightforward jira.js enumeration of the
// same Jira datasets at the same limits. Ends with one JSON line:
// {"scenario","calls","minCalls","wallSeconds","boundSeconds","peakRssMb","baseline":{"calls","wallSeconds"}}

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '1' },
    latency: { type: 'string', default: '25' },
    'rate-limit': { type: 'string', default: '50:100' },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const size = values.size ?? 'large';
const [perSecond, burst] = (values['rate-limit'] ?? '50:100').split(':').map(Number) as [number, number];
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Summary {
  sites: { id: string; customFields: number }[];
}
interface Counters {
  totalCalls: number;
  callsByHost: Record<string, number>;
  served429: number;
}

const child = spawn(
  process.execPath,
  [
    'simulator/main.ts',
    '--size',
    size,
    '--seed',
    values.seed ?? '1',
    '--latency',
    values.latency ?? '25',
    '--rate-limit',
    `${perSecond}:${burst}`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const info = await new Promise<SimulatorInfo>((resolve, reject) => {
  createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as SimulatorInfo));
  child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before it was ready`)));
});
const control = async <T>(path: string, method = 'GET'): Promise<T> =>
  (await (await fetch(`${info.controlUrl}${path}`, { method })).json()) as T;

/** The rate limit's bound: each host's bucket lets `burst` calls through, then `perSecond`. */
const boundSeconds = (counters: Counters) =>
  Math.max(0, ...Object.values(counters.callsByHost).map((calls) => (calls - burst) / perSecond));

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
try {
  const { db, close } = createDatabase({ file: join(dir, 'palisade.db') });
  await migrateToLatest(db);
  const sim = simConnection(info);
  log(`syncing ${size} (latency ${values.latency} ms, rate limit ${perSecond}/s, burst ${burst}) …`);
  const started = performance.now();
  const result = await syncConnection({
    db,
    connection: sim.connection,
    allowHosts: sim.allowHosts,
    baseUrls: sim.baseUrls,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const counters = await control<Counters>('/counters');
  log(
    `sync ${result.status} (${result.reason ?? 'all datasets ok'}) in ${wallSeconds.toFixed(1)} s, ${counters.totalCalls} calls, ${counters.served429} 429s`,
  );

  // The minimum: items per dataset / the endpoint's maximum page size (+ one call per parent
  // where Atlassian has no bulk read), from what the sync stored.
  const summary = await control<Summary>('/tenant/summary');
  const records = new Map<string, unknown[]>();
  for (const o of result.outcomes) {
    const items = await readDataset(db, sim.connection.id, o.dataset, { scope: o.scope });
    records.set(
      `${o.dataset}|${o.scope}`,
      items.map((i) => i.data),
    );
  }
  const budget = minimumCalls(
    describedCollectors(),
    (dataset, scope) => records.get(`${dataset}|${scope}`) ?? [],
    {
      org: true,
      sites: sim.connection.sites,
      customFields: new Map(summary.sites.map((s) => [s.id, s.customFields])),
    },
  );
  records.clear();
  await close();

  let baseline = { calls: 0, wallSeconds: 0 };
  if (!values['no-baseline']) {
    await control('/counters/reset', 'POST');
    log('jira.js baseline …');
    const t0 = performance.now();
    await jiraJsBaseline(info);
    baseline = {
      calls: (await control<Counters>('/counters')).totalCalls,
      wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
    };
    log(`baseline ${baseline.calls} calls in ${baseline.wallSeconds} s`);
  }

  process.stdout.write(
    `${JSON.stringify({
      scenario: size,
      calls: counters.totalCalls,
      minCalls: budget.total,
      wallSeconds: Number(wallSeconds.toFixed(2)),
      boundSeconds: Number(boundSeconds(counters).toFixed(2)),
      peakRssMb,
      baseline,
    })}\n`,
  );
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

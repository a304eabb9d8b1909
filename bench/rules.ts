import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { SimulatorInfo } from '../simulator/start.ts';
import { simConnection } from '../simulator/testing/sim-connection.ts';
import { createDatabase } from '../src/db/create-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { applyExceptions } from '../src/findings/exceptions.ts';
import { postureScores } from '../src/findings/posture-score.ts';
import { trackFindings } from '../src/findings/track-findings.ts';
import { latestSnapshot } from '../src/inventory/snapshots.ts';
import { catalogue } from '../src/rules/catalogue/index.ts';
import { datasetsRead } from '../src/rules/datasets-read.ts';
import { evaluateSnapshot } from '../src/rules/evaluate.ts';
import { buildSnapshotView } from '../src/rules/snapshot/build-snapshot-view.ts';
import type { ApiTokenCoverage } from '../src/sync/collectors/index.ts';
import { syncConnection } from '../src/sync/sync-connection.ts';

// Evaluates every rule of the catalogue on a generated tenant's snapshot (xl: 100,000 users,
// 3 sites) and ends with one JSON line:
//   {"rules","results","evalSeconds","peakRssMb"}
// `evalSeconds` is `evaluateSnapshot` alone; building the view from the store (reading and
// parsing the items) is timed separately and printed on stderr, with the rest of a scan
// (exceptions, findings tracking, scores) for reference.
//
// The snapshot comes from a real sync of the simulator, done once and kept: a database file
// (`--db`, default `data/bench-rules-<size>-<seed>.db`) that already holds a complete snapshot of
// the bench connection is reused as is; otherwise a child process starts the simulator (itself a
// child process) and syncs into it first (about two minutes for xl), so this process's peak RSS
// is that of loading and evaluating only. `--fresh` deletes the file and syncs again.
//
//   npm run bench:rules -- --size xl [--seed 1] [--db file] [--fresh] [--runs 3] [--tokens admins|all]

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'xl' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    tokens: { type: 'string', default: 'admins' },
    'sync-only': { type: 'boolean', default: false },
  },
});
const size = values.size ?? 'xl';
const seed = values.seed ?? '1';
const file = values.db ?? `data/bench-rules-${size}-${seed}.db`;
const connectionId = `bench-${size}-${seed}`;
const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

if (values['sync-only']) await syncInto();
else await bench();

async function syncInto(): Promise<void> {
  const child = spawn(process.execPath, ['simulator/main.ts', '--size', size, '--seed', seed], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const info = await new Promise<SimulatorInfo>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) =>
        resolve(JSON.parse(line) as SimulatorInfo),
      );
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before it was ready`)));
    });
    const { db, close } = createDatabase({ file });
    try {
      await migrateToLatest(db);
      const sim = simConnection(info, { id: connectionId });
      const started = performance.now();
      const result = await syncConnection({
        db,
        connection: sim.connection,
        allowHosts: sim.allowHosts,
        baseUrls: sim.baseUrls,
        collectorOptions: { apiTokens: values.tokens as ApiTokenCoverage },
      });
      log(
        `synced ${size} seed ${seed} into ${file}: ${result.status} (${result.reason ?? 'all datasets ok'}), ` +
          `${result.itemsRead} items, ${result.api.calls} calls, ${seconds(performance.now() - started)} s`,
      );
      if (result.status !== 'success') process.exitCode = 1;
    } finally {
      await close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

async function hasSnapshot(): Promise<boolean> {
  if (!existsSync(file)) return false;
  const { db, close } = createDatabase({ file });
  try {
    await migrateToLatest(db);
    return (await latestSnapshot(db, connectionId)) !== undefined;
  } finally {
    await close();
  }
}

async function bench(): Promise<void> {
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  if (!(await hasSnapshot())) {
    log(`no ${size} snapshot in ${file}: syncing the simulator once (reused by later runs) …`);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          'bench/rules.ts',
          '--sync-only',
          '--size',
          size,
          '--seed',
          seed,
          '--db',
          file,
          '--tokens',
          values.tokens ?? 'admins',
        ],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`the sync exited with ${code}`);
  }

  const rules = catalogue.map((e) => e.rule);
  const { db, close } = createDatabase({ file });
  try {
    const now = new Date();
    let t0 = performance.now();
    const view = await buildSnapshotView(db, connectionId, { now, datasets: datasetsRead(rules) });
    const viewMs = performance.now() - t0;
    const items = view.datasets.reduce((n, d) => n + d.items.length, 0);
    log(
      `view: snapshot ${view.version}, ${view.datasets.length} dataset scopes, ${items} items loaded in ${seconds(viewMs)} s`,
    );

    t0 = performance.now();
    const evaluation = evaluateSnapshot(rules, view);
    const evalMs = performance.now() - t0;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    for (let run = 2; run <= Number(values.runs ?? '1'); run++) {
      const t = performance.now();
      evaluateSnapshot(rules, view);
      log(`evaluation run ${run}: ${seconds(performance.now() - t)} s`);
    }

    t0 = performance.now();
    const excepted = applyExceptions(evaluation.results, [], now);
    const tracked = trackFindings([], excepted.results, view.version, now);
    const scores = postureScores(
      excepted.results,
      rules.map((r) => r.meta),
    );
    const counts: Record<string, number> = {};
    for (const r of evaluation.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    log(
      `evaluation: ${seconds(evalMs)} s, ${JSON.stringify(counts)}; exceptions + findings + scores: ` +
        `${seconds(performance.now() - t0)} s (${tracked.findings.length} findings, org score ${scores.org.score})`,
    );

    process.stdout.write(
      `${JSON.stringify({
        rules: rules.length,
        results: evaluation.results.length,
        evalSeconds: seconds(evalMs),
        peakRssMb,
      })}\n`,
    );
  } finally {
    await close();
  }
}

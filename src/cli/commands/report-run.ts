import { listConnections } from '../../inventory/connections.ts';
import { latestSnapshot } from '../../inventory/snapshots.ts';
import { assess } from '../../scan/assess.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { evaluateGates } from '../output/fail-on.ts';
import { renderSummary } from '../output/summary.ts';
import { writeReportFiles } from '../output/write-report-files.ts';
import type { CommandContext } from '../run-cli.ts';
import { parseGates, parseReportTarget } from '../scan/scan-request.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';
import { parseVersion, pickConnection, pickSnapshot, previousSnapshot } from '../store/pick-connection.ts';

// `palisade report`: re-evaluate a stored snapshot offline (today's rules, attestations and
// exceptions over what a scan collected) and write the reports. No network.

export interface ReportFlags {
  db?: string;
  connection?: string;
  snapshot?: string;
  format?: string[];
  outputDir?: string;
  output?: string;
  failOn?: string;
  failOnUnknown?: string;
  minCoverage?: string;
  list?: boolean;
}

export async function report(flags: ReportFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  const reports = parseReportTarget(flags, deps.env);
  const gates = parseGates(flags, deps.env);
  const version = parseVersion('--snapshot', flags.snapshot);
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: true });
  try {
    if (flags.list) {
      await list(ctx, store.db);
      return EXIT_OK;
    }
    const connection = await pickConnection(store.db, store.location, flags.connection);
    const snapshot = await pickSnapshot(store.db, connection, version);
    const { report: built } = await assess(store.db, connection.id, {
      version: snapshot.version,
      now: deps.now(),
    });
    const written = await writeReportFiles(built, reports, deps.cwd);
    deps.stdout.write(renderSummary(built, { written, gates }));
    return evaluateGates(built, gates).tripped ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    await store.close();
  }
}

async function list(ctx: CommandContext, db: Parameters<typeof listConnections>[0]): Promise<void> {
  const connections = await listConnections(db);
  if (connections.length === 0) ctx.deps.stdout.write('No scan stored yet.\n');
  for (const c of connections) {
    const versions: string[] = [];
    let s = await latestSnapshot(db, c.id);
    while (s) {
      versions.push(`${s.version} (${s.completedAt ?? s.createdAt})`);
      s = await previousSnapshot(db, c.id, s.version);
    }
    ctx.deps.stdout.write(
      `${c.id}  ${c.name}  ${c.sites.map((x) => x.url).join(', ')}\n  snapshots: ${versions.join(', ') || 'none complete'}\n`,
    );
  }
}

import { enforceBans, formatBanAlert } from '../../app-risk/actions/index.ts';
import { assess } from '../../scan/assess.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { failingAtOrAbove } from '../output/fail-on.ts';
import { renderSummary } from '../output/summary.ts';
import { writeReportFiles } from '../output/write-report-files.ts';
import { createProgress } from '../progress/create-progress.ts';
import type { CommandContext } from '../run-cli.ts';
import { collect as collectSnapshot } from '../scan/collect.ts';
import { prepareConnection } from '../scan/prepare-connection.ts';
import type { ScanFlags, ScanRequest } from '../scan/scan-request.ts';
import { openStore } from '../store/open-store.ts';

// `palisade scan`: discover the sites, sync everything into a snapshot, evaluate the rules and
// the apps, write the reports, print a summary; exit 2 when --fail-on finds failing checks.

export interface ScanCommandFlags extends ScanFlags {
  quiet?: boolean;
}

export async function scan(
  request: ScanRequest,
  flags: ScanCommandFlags,
  ctx: CommandContext,
): Promise<number> {
  const { deps } = ctx;
  const progress = createProgress(deps.stderr, { quiet: flags.quiet === true });
  const { connection } = await prepareConnection(request.target, progress);
  const store = await openStore(request.db, { mustExist: false });
  try {
    const synced = await collectSnapshot({
      db: store.db,
      connection,
      baseUrls: request.target.baseUrls,
      allowHosts: request.target.allowHosts,
      progress,
      now: deps.now,
      signal: deps.signal,
    });
    const bans = await enforceBans({
      db: store.db,
      connection: {
        id: connection.id,
        ...(request.target.writeCredential
          ? { writeCredentials: { site: { kind: 'basic', ...request.target.writeCredential } } }
          : {}),
      },
      snapshotVersion: synced.snapshotVersion,
      allowHosts: request.target.allowHosts,
      baseUrls: request.target.baseUrls,
      now: deps.now,
    });
    progress.phase(`evaluating snapshot ${synced.snapshotVersion}`);
    const { report } = await assess(store.db, connection.id, {
      version: synced.snapshotVersion,
      now: deps.now(),
    });
    const written = await writeReportFiles(report, request.reports, deps.cwd);
    const failing = request.failOn ? failingAtOrAbove(report, request.failOn).length : 0;
    deps.stdout.write(
      renderSummary(report, {
        written,
        failOn: request.failOn ? { severity: request.failOn, failing } : undefined,
      }),
    );
    if (bans.alerts.length > 0) {
      deps.stdout.write(`\nBanned apps found installed again (${bans.alerts.length}):\n`);
      for (const alert of bans.alerts) deps.stdout.write(`  ${formatBanAlert(alert)}\n`);
    }
    if (!store.temporary)
      deps.stdout.write(`Snapshot kept in ${store.location} (connection ${connection.id})\n`);
    return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    await store.close();
  }
}

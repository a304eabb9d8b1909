import { formatBanAlert } from '../../app-risk/actions/index.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { evaluateGates } from '../output/fail-on.ts';
import { renderBanAlerts, renderSummary } from '../output/summary.ts';
import { checkReportFiles, writeReportFiles } from '../output/write-report-files.ts';
import { createProgress } from '../progress/create-progress.ts';
import type { CommandContext } from '../run-cli.ts';
import { scanTarget } from '../scan/scan-observer.ts';
import type { ScanFlags, ScanRequest } from '../scan/scan-request.ts';
import { openStore } from '../store/open-store.ts';

// `palisade scan`: src/scan `runScan` (discover the sites, sync everything into a snapshot,
// enforce the bans, evaluate the rules and the apps), then write the reports and print a
// summary; exit 2 when a gate (--fail-on, --fail-on-unknown, --min-coverage) trips.

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
  const { target } = request;
  checkReportFiles(request.reports);
  const store = await openStore(request.db, { mustExist: false });
  try {
    const scanned = await scanTarget(store.db, target, deps, progress);
    const { report } = scanned;
    const written = await writeReportFiles(report, request.reports, deps.cwd);
    deps.stdout.write(renderSummary(report, { written, gates: request.gates }));
    deps.stdout.write(renderBanAlerts(scanned.alerts.map(formatBanAlert)));
    if (!store.temporary)
      deps.stdout.write(`Snapshot kept in ${store.location} (connection ${scanned.connection.id})\n`);
    return evaluateGates(report, request.gates).tripped ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    await store.close();
  }
}

import { join } from 'node:path';
import { formatBanAlert } from '../../app-risk/actions/index.ts';
import { domainOf } from '../../connections/managed/connection-view.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { evaluateGates } from '../output/fail-on.ts';
import { renderBanAlerts, renderSummary } from '../output/summary.ts';
import { checkReportFiles, writeReportFiles } from '../output/write-report-files.ts';
import { createProgress } from '../progress/create-progress.ts';
import type { CommandContext } from '../run-cli.ts';
import { scanTarget, targetConnections } from '../scan/scan-observer.ts';
import type { ReportTarget, ScanFlags, ScanRequest } from '../scan/scan-request.ts';
import { openStore } from '../store/open-store.ts';

// `palisade scan`: src/scan `runScan` (discover the sites, sync everything into a snapshot,
// enforce the bans, evaluate the rules and the apps), then write the reports and print a
// summary; exit 2 when a gate (--fail-on, --fail-on-unknown, --min-coverage) trips. Several
// Data Center instances (--data-center-url, repeated) are scanned in turn, each its own
// connection with its own reports in a folder of --output-dir named by its host.

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
    const connections = targetConnections(target);
    let tripped = false;
    for (const connection of connections) {
      const scanned = await scanTarget(store.db, target, deps, progress, connection);
      const { report } = scanned;
      const reports = connections.length > 1 ? reportsOf(request.reports, connection) : request.reports;
      const written = await writeReportFiles(report, reports, deps.cwd);
      deps.stdout.write(renderSummary(report, { written, gates: request.gates }));
      deps.stdout.write(renderBanAlerts(scanned.alerts.map(formatBanAlert)));
      if (!store.temporary)
        deps.stdout.write(`Snapshot kept in ${store.location} (connection ${scanned.connection.id})\n`);
      if (evaluateGates(report, request.gates).tripped) tripped = true;
    }
    return tripped ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    await store.close();
  }
}

/**
 * One of several Data Center instances: its reports in a folder of --output-dir named by its host
 * and context path (`jira.example.com_jira`), so two instances on one host keep their own reports.
 */
function reportsOf(
  reports: ReportTarget,
  connection: ReturnType<typeof targetConnections>[number],
): ReportTarget {
  if (!('kind' in connection) || connection.kind !== 'data-center') return reports;
  const folder = domainOf(connection.baseUrl).replace(/[^A-Za-z0-9.-]/g, '_');
  return { ...reports, outputDir: join(reports.outputDir ?? '.', folder) };
}

import { relative, resolve } from 'node:path';
import { startSimulator } from '../../../simulator/start.ts';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import { formatBanAlert } from '../../app-risk/actions/index.ts';
import { ATLASSIAN_BASE_URLS } from '../../atlassian/urls.ts';
import { REPORT_FORMATS } from '../../report/formats.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { renderBanAlerts, renderSummary } from '../output/summary.ts';
import { writeReportFiles } from '../output/write-report-files.ts';
import { createProgress } from '../progress/create-progress.ts';
import type { CommandContext } from '../run-cli.ts';
import { scanTarget } from '../scan/scan-observer.ts';
import type { ScanTarget } from '../scan/scan-request.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { describeLocation, openStore } from '../store/open-store.ts';
import { DEMO_OUTPUT_DIR } from './demo.ts';

// `palisade demo --cli`: what Palisade's CLI does, in one command and well under a minute. It
// starts the Atlassian simulator with the "Acme" demo tenant in this process, scans it exactly as
// `palisade scan` scans a real organization (discovery, sync, evaluation, app risk), keeps the
// snapshot in the embedded database (./data/palisade.db, or PALISADE_DB / DATABASE_URL), writes
// the five report formats to ./reports/demo/ and prints where they are with a short summary.
// The demo is the one command that imports the simulator (DESIGN.md: tests, bench and the demo).

export interface DemoFlags {
  outputDir?: string;
  db?: string;
  quiet?: boolean;
}

export async function demoCli(flags: DemoFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  const started = performance.now();
  const progress = createProgress(deps.stderr, { quiet: flags.quiet === true });
  progress.phase('starting the Atlassian Cloud simulator with the "Acme" demo organization');
  const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, deps.now()) });
  try {
    const { info } = sim;
    const target: ScanTarget = {
      sites: info.sites.map((s) => s.url),
      siteCredential: { email: info.credentials.admin.email, apiToken: info.credentials.admin.apiToken },
      org: { id: info.org.id, apiKey: info.credentials.orgApiKey },
      baseUrls: { api: info.adminApiUrl, marketplace: info.marketplaceUrl, auth: ATLASSIAN_BASE_URLS.auth },
      // The simulator's listeners are the only non-Atlassian hosts this scan may call.
      allowHosts: [...info.sites.map((s) => s.url), info.adminApiUrl, info.marketplaceUrl].map(
        (u) => new URL(u).host,
      ),
    };
    ctx.secrets.addBasic(target.siteCredential?.email, target.siteCredential?.apiToken);
    ctx.secrets.add(info.credentials.orgApiKey);

    const dbSpec = flags.db ?? defaultDatabase(deps);
    const store = await openStore(dbSpec, { mustExist: false });
    try {
      // Exactly what `palisade scan` runs, bans included.
      const { report, alerts } = await scanTarget(store.db, target, deps, progress);
      const outputDir = resolve(deps.cwd, flags.outputDir ?? DEMO_OUTPUT_DIR);
      const written = await writeReportFiles(
        report,
        { formats: [...REPORT_FORMATS], outputDir, output: undefined },
        deps.cwd,
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const db = shown(deps.cwd, describeLocation(dbSpec));
      const dir = shown(deps.cwd, outputDir);
      deps.stdout.write(renderSummary(report, { written }));
      deps.stdout.write(renderBanAlerts(alerts.map(formatBanAlert)));
      deps.stdout.write(
        [
          '',
          `Demo done in ${seconds} s. The snapshot is kept in ${db}. Next:`,
          `  open ${written.find((w) => w.format === 'html')?.path ?? `${dir}/palisade-report.html`}`,
          `  npx palisade apps list --db ${db}`,
          `  npx palisade report --db ${db} --format csv --output-dir ${dir}`,
          `  npx palisade diff --db ${db}      (after a second npm start)`,
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  } finally {
    await sim.stop();
  }
}

/** A path relative to the working directory when it lies under it (shorter to read and to paste). */
function shown(cwd: string, path: string): string {
  if (/^postgres/i.test(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

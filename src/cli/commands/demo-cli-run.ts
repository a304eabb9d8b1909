import { relative, resolve } from 'node:path';
import { formatBanAlert } from '../../app-risk/actions/index.ts';
import { ATLASSIAN_BASE_URLS } from '../../atlassian/urls.ts';
import { combineReports } from '../../report/combine-reports.ts';
import { REPORT_FORMATS } from '../../report/formats.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { renderBanAlerts, renderSummary } from '../output/summary.ts';
import { writeReportFiles } from '../output/write-report-files.ts';
import { createProgress } from '../progress/create-progress.ts';
import type { CommandContext } from '../run-cli.ts';
import { scanTarget, targetConnections } from '../scan/scan-observer.ts';
import type { ScanTarget } from '../scan/scan-request.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { describeLocation, openStore } from '../store/open-store.ts';
import { DEMO_OUTPUT_DIR } from './demo.ts';
import { startDemoTenant } from './demo-simulator.ts';

// `palisade demo --cli`: what Palisade's CLI does, in one command and well under a minute. It
// starts the Atlassian simulator with the "Acme" demo tenant in this process (demo-simulator.ts,
// as `npm start` does), scans its four connections in turn exactly as `palisade scan` scans each
// kind (discovery, sync, evaluation, app risk): the cloud organization, its Bitbucket workspace
// and its Jira and Confluence Data Center instances. It keeps the snapshots in the embedded
// database (./data/palisade.db, or PALISADE_DB / DATABASE_URL), writes the five report formats to
// ./reports/demo/ as one report (the organization's, with the workspace's and the instances'
// findings beside it: src/report/combine-reports.ts) and prints where they are with a short
// summary. The demo is the one command that imports the simulator (DESIGN.md: tests, bench and the demo).

export interface DemoFlags {
  outputDir?: string;
  db?: string;
  quiet?: boolean;
}

export async function demoCli(flags: DemoFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  const started = performance.now();
  const progress = createProgress(deps.stderr, { quiet: flags.quiet === true });
  const { sim, hosts, bitbucket, dataCenter } = await startDemoTenant(deps, ctx.secrets, progress);
  try {
    const { info } = sim;
    const target: ScanTarget = {
      sites: info.sites.map((s) => s.url),
      siteCredential: { email: info.credentials.admin.email, apiToken: info.credentials.admin.apiToken },
      org: { id: info.org.id, apiKey: info.credentials.orgApiKey },
      ...(bitbucket
        ? {
            bitbucket: {
              workspace: bitbucket.workspace,
              credential: { kind: 'access-token' as const, token: bitbucket.accessToken },
            },
          }
        : {}),
      dataCenter,
      baseUrls: {
        api: info.adminApiUrl,
        marketplace: info.marketplaceUrl,
        auth: ATLASSIAN_BASE_URLS.auth,
        bitbucket: info.bitbucketUrl,
      },
      // The simulator's listeners are the only non-Atlassian hosts this scan may call.
      allowHosts: hosts,
    };

    const dbSpec = flags.db ?? defaultDatabase(deps);
    const store = await openStore(dbSpec, { mustExist: false });
    try {
      // Exactly what `palisade scan` runs per connection, bans included: the organization, then
      // its Bitbucket workspace and its Data Center instances, each a connection of its own.
      const scans = [];
      for (const connection of targetConnections(target)) {
        progress.phase(`scanning ${describeConnection(connection)}`);
        scans.push(await scanTarget(store.db, target, deps, progress, connection));
      }
      const [first, ...others] = scans;
      if (!first) throw new Error('the demo tenant names no connection');
      // One report: the Bitbucket and Data Center findings beside the organization's.
      const report = combineReports(
        first.report,
        others.map((s) => s.report),
      );
      const outputDir = resolve(deps.cwd, flags.outputDir ?? DEMO_OUTPUT_DIR);
      const written = await writeReportFiles(
        report,
        { formats: [...REPORT_FORMATS], outputDir, output: undefined },
        deps.cwd,
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const db = shown(deps.cwd, describeLocation(dbSpec));
      const dir = shown(deps.cwd, outputDir);
      const org = `--connection ${first.connection.id}`;
      deps.stdout.write(renderSummary(report, { written }));
      deps.stdout.write(renderBanAlerts(scans.flatMap((s) => s.alerts).map(formatBanAlert)));
      deps.stdout.write(
        [
          '',
          `Demo done in ${seconds} s. The snapshots are kept in ${db}, one connection each:`,
          ...scans.map((s) => `  ${s.connection.id}  ${s.connection.name}  (snapshot ${s.snapshotVersion})`),
          'Next:',
          `  open ${written.find((w) => w.format === 'html')?.path ?? `${dir}/palisade-report.html`}`,
          `  npx palisade apps list --db ${db} ${org}`,
          `  npx palisade report --db ${db} ${org} --format csv --output-dir ${dir}`,
          `  npx palisade diff --db ${db} ${org}      (after a second npm start)`,
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

/** How the progress output names a connection before it is scanned. */
function describeConnection(connection: ReturnType<typeof targetConnections>[number]): string {
  if (!('kind' in connection)) return 'the Acme organization';
  return connection.kind === 'bitbucket'
    ? `the Bitbucket workspace ${connection.workspace}`
    : `the Data Center instance at ${new URL(connection.baseUrl).host}`;
}

/** A path relative to the working directory when it lies under it (shorter to read and to paste). */
function shown(cwd: string, path: string): string {
  if (/^postgres/i.test(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

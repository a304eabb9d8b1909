import type { Command } from 'commander';
import { collect } from '../options/collect.ts';
import type { CommandContext } from '../run-cli.ts';
import { resolveScanRequest } from '../scan/scan-request.ts';
import type { ScanCommandFlags } from './scan-run.ts';

// `palisade scan`: discover the sites, sync everything into a snapshot, evaluate the rules and
// the apps, write the reports, print a summary; exit 2 when a gate (--fail-on, --fail-on-unknown, --min-coverage) trips.
// (Definitions here, the work in scan-run.ts, loaded only when the command runs: --help and
// input errors answer at once.)

export function registerScan(program: Command, ctx: CommandContext): void {
  program
    .command('scan')
    .summary('collect, evaluate and report in one go (no server needed)')
    .description(
      'Reads the sites (and, with an org API key, the organization), evaluates every check and every ' +
        'installed app, and writes the reports. Each flag has an environment variable twin; a flag wins.',
    )
    .option(
      '--site <url>',
      'a site to scan, e.g. https://acme.atlassian.net (repeatable; PALISADE_SITES, comma-separated)',
      collect,
    )
    .option('--email <email>', "a site admin's Atlassian e-mail (PALISADE_EMAIL)")
    .option('--api-token <token>', "that account's API token (PALISADE_API_TOKEN; prefer the variable)")
    .option('--org-id <id>', 'the organization id (PALISADE_ORG_ID; default: the one org the key sees)')
    .option('--org-api-key <key>', 'an org API key, for the org-level checks (PALISADE_ORG_API_KEY)')
    .option(
      '--bitbucket-workspace <slug>',
      'scan this Bitbucket Cloud workspace instead of sites (PALISADE_BITBUCKET_WORKSPACE)',
    )
    .option(
      '--bitbucket-token <token>',
      "the workspace's access token (PALISADE_BITBUCKET_TOKEN; prefer the variable); or a workspace admin's --email and --api-token",
    )
    .option('--bitbucket-api-url <url>', 'the Bitbucket API base URL (PALISADE_BITBUCKET_API_URL)')
    .option(
      '--data-center-url <url>',
      'scan this Jira or Confluence Data Center instance instead of sites, its host allow-listed with --allow-host (repeatable, each its own connection; PALISADE_DATA_CENTER_URLS, comma-separated)',
      collect,
    )
    .option(
      '--data-center-token <token>',
      "a system administrator's personal access token on it: one for every --data-center-url or one per URL in order (repeatable; PALISADE_DATA_CENTER_TOKEN, comma-separated; prefer the variable)",
      collect,
    )
    .option(
      '--data-center-write-token <token>',
      "write consent on it: a system administrator's personal access token given for changes, so that banned plugins found installed are uninstalled (as --data-center-token; PALISADE_DATA_CENTER_WRITE_TOKEN; prefer the variable)",
      collect,
    )
    .option('--admin-api-url <url>', 'the admin API base URL (PALISADE_ADMIN_API_URL)', undefined)
    .option('--marketplace-url <url>', 'the Marketplace base URL (PALISADE_MARKETPLACE_URL)')
    .option(
      '--allow-host <host:port>',
      'a non-Atlassian host Palisade may call, e.g. a simulator (repeatable; PALISADE_ALLOW_HOSTS)',
      collect,
    )
    .option(
      '--format <format>',
      'json, csv, sarif, html or ocsf (repeatable; PALISADE_FORMAT; default json and html)',
      collect,
    )
    .option(
      '--output-dir <dir>',
      'where the reports go, one file per format (PALISADE_OUTPUT_DIR; default ./reports)',
    )
    .option('--output <file>', 'write the one --format to this file instead (PALISADE_OUTPUT)')
    .option(
      '--fail-on <severity>',
      'exit 2 if a check of this severity or worse fails: critical, high, medium, low (PALISADE_FAIL_ON)',
    )
    .option(
      '--fail-on-unknown <severity>',
      'exit 2 if a check of this severity or worse is undecided (unknown) (PALISADE_FAIL_ON_UNKNOWN)',
    )
    .option(
      '--min-coverage <percent>',
      'exit 2 if less than this share of the applicable results was decided (PALISADE_MIN_COVERAGE)',
    )
    .option(
      '--db <path|url>',
      'keep the snapshot in this SQLite file or postgres:// database (PALISADE_DB; default: a temporary file)',
    )
    .option(
      '--write-email <email>',
      'write consent: uninstall banned apps found again (PALISADE_WRITE_EMAIL)',
    )
    .option('--write-api-token <token>', "that site admin's API token (PALISADE_WRITE_API_TOKEN)")
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      '\nExample:\n  PALISADE_API_TOKEN=… palisade scan --site https://acme.atlassian.net --email admin@acme.com \\\n    --format sarif --output palisade.sarif --fail-on high\n',
    )
    .action(async (flags: ScanCommandFlags) => {
      // Input is checked before the scan machinery loads, so a typo is answered at once.
      const request = resolveScanRequest(flags, ctx.deps.env, ctx.secrets);
      const { scan } = await import('./scan-run.ts');
      ctx.setExitCode(await scan(request, flags, ctx));
    });
}

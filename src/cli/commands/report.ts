import type { Command } from 'commander';
import { collect } from '../options/collect.ts';
import type { CommandContext } from '../run-cli.ts';
import type { ReportFlags } from './report-run.ts';

// `palisade report`: re-evaluate a stored snapshot offline (today's rules, attestations and
// exceptions over what a scan collected) and write the reports. No network. (Work in report-run.ts.)

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .summary('re-evaluate a stored snapshot offline and write the reports')
    .option('--db <path|url>', 'the database a scan kept (PALISADE_DB; default: the embedded database)')
    .option('--connection <id>', 'which connection, when the database holds several')
    .option('--snapshot <version>', 'which snapshot (default: the latest complete one)')
    .option('--format <format>', 'json, csv, sarif, html or ocsf (repeatable; PALISADE_FORMAT)', collect)
    .option('--output-dir <dir>', 'where the reports go (PALISADE_OUTPUT_DIR; default ./reports)')
    .option('--output <file>', 'write the one --format to this file instead (PALISADE_OUTPUT)')
    .option('--fail-on <severity>', 'exit 2 if a check of this severity or worse fails (PALISADE_FAIL_ON)')
    .option(
      '--fail-on-unknown <severity>',
      'exit 2 if a check of this severity or worse is undecided (unknown) (PALISADE_FAIL_ON_UNKNOWN)',
    )
    .option(
      '--min-coverage <percent>',
      'exit 2 if less than this share of the applicable results was decided (PALISADE_MIN_COVERAGE)',
    )
    .option('--list', 'list the connections and snapshots the database holds, and stop')
    .addHelpText(
      'after',
      '\nExample:\n  palisade report --db palisade.db --format sarif --output palisade.sarif --fail-on high\n',
    )
    .action(async (flags: ReportFlags) => {
      const { report } = await import('./report-run.ts');
      ctx.setExitCode(await report(flags, ctx));
    });
}

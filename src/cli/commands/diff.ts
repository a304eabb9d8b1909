import type { Command } from 'commander';
import type { CommandContext } from '../run-cli.ts';
import type { DiffFlags } from './diff-run.ts';

// `palisade diff`: what changed between two snapshots of a connection — new, regressed, resolved
// and changed results — evaluated offline with today's rules. (Work in diff-run.ts.)

export function registerDiff(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .summary('what changed between two snapshots: new, regressed, resolved, changed')
    .option('--db <path|url>', 'the database the scans kept (PALISADE_DB; default: the embedded database)')
    .option('--connection <id>', 'which connection, when the database holds several')
    .option('--from <version>', 'the older snapshot (default: the one before --to)')
    .option('--to <version>', 'the newer snapshot (default: the latest complete one)')
    .option('--json', 'print the differences as JSON')
    .option('--fail-on <severity>', 'exit 2 if a new or regressed failure is of this severity or worse')
    .option(
      '--fail-on-unknown <severity>',
      'exit 2 if a check of this severity or worse decided before is undecided now (PALISADE_FAIL_ON_UNKNOWN)',
    )
    .addHelpText('after', '\nExample:\n  palisade diff --db palisade.db --fail-on high\n')
    .action(async (flags: DiffFlags) => {
      const { diff } = await import('./diff-run.ts');
      ctx.setExitCode(await diff(flags, ctx));
    });
}

import type { Command } from 'commander';
import type { CommandContext } from '../run-cli.ts';
import type { DemoFlags } from './demo-run.ts';

// `palisade demo` (what `npm start` runs): scan the simulated "Acme" organization and write every
// report. (Work in demo-run.ts.)

export const DEMO_OUTPUT_DIR = 'reports/demo';

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .summary('scan the simulated "Acme" organization and write every report (what npm start runs)')
    .option('--output-dir <dir>', 'where the reports go', DEMO_OUTPUT_DIR)
    .option(
      '--db <path|url>',
      'where the snapshot is kept (default: the embedded database, ./data/palisade.db)',
    )
    .option('--quiet', 'no progress output')
    .action(async (flags: DemoFlags) => {
      const { demo } = await import('./demo-run.ts');
      ctx.setExitCode(await demo(flags, ctx));
    });
}

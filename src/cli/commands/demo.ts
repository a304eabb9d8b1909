import type { Command } from 'commander';
import { parsePort } from '../options/parse-port.ts';
import type { CommandContext } from '../run-cli.ts';
import type { DemoFlags } from './demo-cli-run.ts';
import type { DemoServiceFlags } from './demo-run.ts';

// `palisade demo` (what `npm start` runs): the Palisade server on the simulated "Acme"
// organization, connected through the API as a person would (demo-run.ts); `--cli`: the one-shot
// CLI demo that scans it and writes every report (demo-cli-run.ts).

export const DEMO_OUTPUT_DIR = 'reports/demo';

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .summary(
      'the Palisade server on a simulated "Acme" organization (what npm start runs); --cli: scan it and write every report',
    )
    .option('--cli', 'the CLI demo: scan once, write the five reports, print a summary and exit')
    .option('--host <address>', 'the address the server listens on', '127.0.0.1')
    .option('--port <port>', 'the port the server listens on (taken: any free port)', parsePort, 8080)
    .option('--output-dir <dir>', 'with --cli: where the reports go', DEMO_OUTPUT_DIR)
    .option('--db <path|url>', 'where the data is kept (default: the embedded database, ./data/palisade.db)')
    .option('--quiet', 'no progress output')
    .action(async (flags: DemoFlags & DemoServiceFlags & { cli?: boolean }) => {
      if (flags.cli) {
        const { demoCli } = await import('./demo-cli-run.ts');
        ctx.setExitCode(await demoCli(flags, ctx));
        return;
      }
      const { demoService } = await import('./demo-run.ts');
      ctx.setExitCode(await demoService(flags, ctx));
    });
}

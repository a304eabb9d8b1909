import type { Command } from 'commander';
import { parsePort } from '../options/parse-port.ts';
import type { CommandContext } from '../run-cli.ts';
import type { ServeFlags } from './serve-run.ts';

// `palisade serve`: the Palisade server (API, scheduled scans). Work in serve-run.ts; the server
// itself is src/server/.

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .summary('run the Palisade server: the API, sign-in, connections and scheduled scans')
    .description(
      'Runs the Palisade server until Ctrl+C or SIGTERM. SQLite by default (PALISADE_DATA_DIR), PostgreSQL with DATABASE_URL; migrations run at start. Configuration: docs/server.md.',
    )
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port to listen on (0: any free port)', parsePort, 8080)
    .option(
      '--no-worker',
      'serve the API and queue jobs, but run none (PostgreSQL: `palisade worker` processes run them)',
    )
    .action(async (flags: ServeFlags) => {
      const { serve } = await import('./serve-run.ts');
      ctx.setExitCode(await serve(flags, ctx));
    });
}

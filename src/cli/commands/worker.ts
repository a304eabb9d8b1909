import type { Command } from 'commander';
import type { CommandContext } from '../run-cli.ts';

// `palisade worker`: runs jobs (scans, scheduled rescans) on PostgreSQL, no HTTP. Work in
// worker-run.ts; the job queue itself is src/jobs/.

export function registerWorker(program: Command, ctx: CommandContext): void {
  program
    .command('worker')
    .summary('run jobs only (scans, scheduled rescans) on PostgreSQL; no HTTP')
    .description(
      'Runs Palisade jobs until Ctrl+C or SIGTERM, beside any number of `palisade serve` and `palisade worker` processes sharing one DATABASE_URL. PostgreSQL only: on SQLite `palisade serve` runs the jobs itself. Configuration: docs/server.md.',
    )
    .action(async () => {
      const { worker } = await import('./worker-run.ts');
      ctx.setExitCode(await worker(ctx));
    });
}

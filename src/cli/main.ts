import { ConfigError } from '../config/env.ts';
import { describeError, exitCodeOf } from '../errors.ts';
import { readCliEnv } from './cli-env.ts';
import { CLI_SURFACE } from './cli-surface.ts';
import { runCli } from './run-cli.ts';

// The `palisade` command (bin/palisade runs this file on the project's Node 22). Reads the
// environment once through src/config, wires the process's streams, and maps Ctrl+C to an
// AbortSignal so a scan stops between pages (a second Ctrl+C exits at once).

// `palisade … | head` closes stdout early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

async function main(): Promise<number> {
  let env: ReturnType<typeof readCliEnv>;
  try {
    env = readCliEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`palisade: ${describeError(error, CLI_SURFACE)}\n`);
    return exitCodeOf(error);
  }
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\npalisade: stopping after the pages in flight (Ctrl+C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await runCli(process.argv.slice(2), {
      env,
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      now: () => new Date(),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

process.exitCode = await main();

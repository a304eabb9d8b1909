import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CommandContext } from '../run-cli.ts';

// `palisade simulator …`: the Atlassian Cloud simulator, exactly as `npm run simulator -- …`
// (same arguments, the same JSON line on stdout), run as a child process on this Node so its
// output, signals and exit code are its own. Arguments pass through untouched, `--help` included.

const SIMULATOR_MAIN = fileURLToPath(new URL('../../../simulator/main.ts', import.meta.url));

export function registerSimulator(program: Command, ctx: CommandContext): void {
  program
    .command('simulator')
    .summary('start the Atlassian Cloud simulator (same options as npm run simulator)')
    .description(
      'Starts the Atlassian Cloud simulator with a scenario or a generated tenant and prints one JSON line ' +
        "with its URLs and credentials. Options: see `palisade simulator --help` (the simulator's own usage).",
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [...process.execArgv, SIMULATOR_MAIN, ...args], {
          stdio: 'inherit',
          cwd: ctx.deps.cwd,
        });
        // Ctrl+C reaches the child through the terminal; a signal sent to this process alone is passed on.
        const stop = () => child.kill('SIGTERM');
        ctx.deps.signal?.addEventListener('abort', stop, { once: true });
        child.once('error', reject);
        child.once('exit', (exitCode, signal) => {
          ctx.deps.signal?.removeEventListener('abort', stop);
          resolve(exitCode ?? (signal ? 0 : 1));
        });
      });
      ctx.setExitCode(code);
    });
}

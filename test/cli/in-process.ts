import { readCliEnv } from '../../src/cli/cli-env.ts';
import { runCli } from '../../src/cli/run-cli.ts';

// Runs a `palisade` command inside the test process (no start-up cost per command) with captured
// streams, for the commands that read a stored database. `palisade scan` itself is tested as a
// child process (scan-*.test.ts), as a pipeline runs it.

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function palisade(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; now?: () => Date },
): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: readCliEnv(options.env ?? {}),
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    cwd: options.cwd,
    now: options.now ?? (() => new Date()),
  });
  return { code, stdout, stderr };
}

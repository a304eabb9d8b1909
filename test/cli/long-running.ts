import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, cleanEnv } from './support.ts';

// A `palisade` command that keeps running (serve, the demo server): started as a child process,
// read line by line until the lines a test waits for appear, stopped with SIGTERM.

export interface LongRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of the pattern in stdout or stderr, waiting up to `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startPalisade(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): LongRun {
  const child = spawn(BIN, [...args], { cwd: options.cwd, env: cleanEnv(options.env ?? {}) });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const match = out.match(pattern) ?? err.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`palisade ${args.join(' ')} did not print ${pattern}\nstdout: ${out}\nstderr: ${err}`);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

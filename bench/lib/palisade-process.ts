import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// `palisade serve` and `palisade worker` as the benchmarks run them: real processes of the CLI,
// on this Node, with the environment given (DATABASE_URL, the key, the simulator's hosts). Their
// output goes to a log file (named when one fails to start); `ready` resolves on the line each
// prints once it works.

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const READY: Record<'serve' | 'worker', RegExp> = {
  serve: /^Palisade listening on (\S+)/,
  worker: /^Palisade worker \S+ running/,
};

export interface PalisadeProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** serve: the URL it listens on. */
  url: string | undefined;
  logFile: string;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

export async function startPalisade(
  command: 'serve' | 'worker',
  options: { name: string; args?: string[]; env: Record<string, string>; logDir: string },
): Promise<PalisadeProcess> {
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', MAIN, command, ...(options.args ?? [])],
    { env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string | undefined>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
    let ready = false;
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      const m = READY[command].exec(line);
      if (m && !ready) {
        ready = true;
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      if (ready) return;
      const tail = safeTail(logFile);
      reject(
        new Error(`palisade ${command} (${options.name}) exited with ${code} before it was ready:\n${tail}`),
      );
    });
  });
  if (child.pid === undefined) throw new Error(`palisade ${command} did not start`);
  return {
    name: options.name,
    child,
    pid: child.pid,
    url,
    logFile,
    async stop(graceMs = 35_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function safeTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

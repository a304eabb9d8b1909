import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SimulatorInfo } from '../../simulator/start.ts';

// Starts simulators-main.ts (several organizations in one process) or the simulator's own main
// (one organization, any size) as a child process and reads the JSON line it prints.

const SIMULATORS_MAIN = fileURLToPath(new URL('./simulators-main.ts', import.meta.url));
const SIMULATOR_MAIN = fileURLToPath(new URL('../../simulator/main.ts', import.meta.url));

export interface SimulatorsProcess {
  child: ChildProcess;
  pid: number;
  infos: SimulatorInfo[];
  /** Every simulator listener's host:port, for PALISADE_ALLOW_HOSTS. */
  hosts: string[];
  stop(): Promise<void>;
}

export async function startSimulators(args: {
  count?: number;
  size: 'small' | 'large' | 'xl';
  seed?: number;
  rateLimit: string;
  latencyMs: number;
}): Promise<SimulatorsProcess> {
  const single = args.count === undefined;
  const argv = single
    ? [SIMULATOR_MAIN, '--size', args.size, '--seed', String(args.seed ?? 1)]
    : [SIMULATORS_MAIN, '--count', String(args.count), '--size', args.size, '--seed', String(args.seed ?? 1)];
  argv.push('--rate-limit', args.rateLimit, '--latency', String(args.latencyMs));
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...argv], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before it was ready`)));
  });
  const parsed = JSON.parse(line) as SimulatorInfo | SimulatorInfo[];
  const infos = Array.isArray(parsed) ? parsed : [parsed];
  const hosts = infos.flatMap((i) =>
    [...i.sites.map((s) => s.url), i.adminApiUrl, i.marketplaceUrl, i.authUrl].map((u) => new URL(u).host),
  );
  if (child.pid === undefined) throw new Error('the simulator did not start');
  return {
    child,
    pid: child.pid,
    infos,
    hosts,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { issuedSecrets } from '../../simulator/start-info.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';

// Runs `palisade` the way a pipeline does — bin/palisade through sh, as a child process, with a
// clean environment — against a simulator this test process started.

export const BIN = fileURLToPath(new URL('../../bin/palisade', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of the child: PATH and HOME only (no PALISADE_* leaking in from the shell). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    ...sameClock(),
    ...extra,
  };
}

/**
 * A suite run under `faketime` (the clock a year ahead) starts its processes on that clock too:
 * libfaketime travels in LD_PRELOAD and FAKETIME*, which a clean environment would drop, leaving a
 * worker a year behind the test that queued its scans.
 */
function sameClock(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (name.startsWith('FAKETIME') || (name === 'LD_PRELOAD' && value.includes('faketime')))
      kept[name] = value;
  }
  return kept;
}

export function runPalisade(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface DemoSimulator {
  sim: RunningSimulator;
  /** Every flag a scan of the whole simulated org needs. */
  scanArgs: string[];
  /** Every credential the simulator handed out: none may appear in any output. */
  secrets: string[];
  allowArgs: string[];
  stop(): Promise<void>;
}

export async function startDemoSimulator(): Promise<DemoSimulator> {
  const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, new Date()) });
  const { info } = sim;
  const hosts = [...info.sites.map((s) => s.url), info.adminApiUrl, info.marketplaceUrl].map(
    (u) => new URL(u).host,
  );
  const allowArgs = hosts.flatMap((h) => ['--allow-host', h]);
  const c = info.credentials;
  return {
    sim,
    allowArgs,
    scanArgs: [
      ...info.sites.flatMap((s) => ['--site', s.url]),
      '--email',
      c.admin.email,
      '--api-token',
      c.admin.apiToken,
      '--org-id',
      info.org.id,
      '--org-api-key',
      c.orgApiKey,
      '--admin-api-url',
      info.adminApiUrl,
      '--marketplace-url',
      info.marketplaceUrl,
      ...allowArgs,
    ],
    secrets: [...issuedSecrets(info), Buffer.from(`${c.admin.email}:${c.admin.apiToken}`).toString('base64')],
    stop: () => sim.stop(),
  };
}

/** A port nothing listens on: bound, then closed. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The text of a run's output with every occurrence of a secret found. */
export function leakedSecrets(run: Run, secrets: readonly string[]): string[] {
  const all = `${run.stdout}\n${run.stderr}`;
  return secrets.filter((s) => all.includes(s));
}

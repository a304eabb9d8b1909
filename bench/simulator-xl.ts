import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

// Starts the simulator as its own process with a generated tenant, then walks every page of
// users through Jira (`/users/search`) and the admin API (v2 directory users), and prints
// start time, walk times and the simulator's peak resident memory (VmHWM) as one JSON line.

const { values } = parseArgs({
  options: { size: { type: 'string', default: 'xl' }, seed: { type: 'string', default: '1' } },
});

interface Info {
  controlUrl: string;
  sites: { url: string }[];
  adminApiUrl: string;
  org: { id: string };
  startSeconds: number;
  credentials: { admin: { email: string; apiToken: string }; orgApiKey: string };
}

const launched = performance.now();
const child = spawn(
  process.execPath,
  ['simulator/main.ts', '--size', values.size ?? 'xl', '--seed', values.seed ?? '1'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const firstLine = await new Promise<string>((resolve, reject) => {
  const lines = createInterface({ input: child.stdout });
  lines.once('line', resolve);
  child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before it was ready`)));
});
const readySeconds = (performance.now() - launched) / 1000;
const info = JSON.parse(firstLine) as Info;

function peakRssMb(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function walkJiraUsers(): Promise<{ items: number; pages: number; seconds: number }> {
  const t0 = performance.now();
  const auth = `Basic ${Buffer.from(`${info.credentials.admin.email}:${info.credentials.admin.apiToken}`).toString('base64')}`;
  const site = info.sites[0]?.url;
  const seen = new Set<string>();
  let pages = 0;
  for (let startAt = 0; ; startAt += 1000) {
    const res = await fetch(`${site}/rest/api/3/users/search?startAt=${startAt}&maxResults=1000`, {
      headers: { authorization: auth },
    });
    if (!res.ok) throw new Error(`users/search answered ${res.status}`);
    const page = (await res.json()) as { accountId: string }[];
    pages++;
    for (const u of page) seen.add(u.accountId);
    if (page.length < 1000) break;
  }
  return { items: seen.size, pages, seconds: (performance.now() - t0) / 1000 };
}

async function walkDirectoryUsers(): Promise<{ items: number; pages: number; seconds: number }> {
  const t0 = performance.now();
  const seen = new Set<string>();
  let pages = 0;
  let cursor: string | undefined;
  do {
    const url = new URL(`${info.adminApiUrl}/admin/v2/orgs/${info.org.id}/directories/-/users`);
    url.searchParams.set('limit', '500');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url, { headers: { authorization: `Bearer ${info.credentials.orgApiKey}` } });
    if (!res.ok) throw new Error(`directory users answered ${res.status}`);
    const body = (await res.json()) as { data: { accountId: string }[]; links?: { next?: string } };
    pages++;
    for (const u of body.data) seen.add(u.accountId);
    const next = body.links?.next;
    cursor = next
      ? next.includes('cursor=')
        ? (new URL(next, info.adminApiUrl).searchParams.get('cursor') ?? undefined)
        : next
      : undefined;
  } while (cursor);
  return { items: seen.size, pages, seconds: (performance.now() - t0) / 1000 };
}

try {
  const summary = (await (await fetch(`${info.controlUrl}/tenant/summary`)).json()) as {
    users: number;
    usersByAccountType: Record<string, number>;
  };
  const jira = await walkJiraUsers();
  const directory = await walkDirectoryUsers();
  const result = {
    size: values.size,
    tenantUsers: summary.users,
    // The directory lists Atlassian accounts; app and customer accounts are not directory users.
    expectedDirectoryUsers: summary.usersByAccountType.atlassian ?? 0,
    startSeconds: info.startSeconds,
    readySeconds: Number(readySeconds.toFixed(2)),
    jiraUsers: { ...jira, seconds: Number(jira.seconds.toFixed(2)) },
    directoryUsers: { ...directory, seconds: Number(directory.seconds.toFixed(2)) },
    peakRssMb: peakRssMb(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  child.kill('SIGTERM');
}

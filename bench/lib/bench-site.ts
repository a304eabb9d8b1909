import { randomBytes } from 'node:crypto';
import type { SimulatorInfo } from '../../simulator/start.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createApiToken } from '../../src/people/api-tokens.ts';
import { insertUser } from '../../src/people/users.ts';
import { startPalisade } from './palisade-process.ts';
import type { SimulatorsProcess } from './simulators-process.ts';

// What every server bench sets up before it starts Palisade: the database migrated, an owner
// (no password: nobody signs in) and a personal API token of theirs the bench calls the API with,
// and the environment the processes share (the same key everywhere, the simulators' hosts).

export async function prepareDatabase(url: string, now: Date): Promise<{ token: string }> {
  const { db, close } = createDatabase({ url });
  try {
    await migrateToLatest(db);
    const owner = await insertUser(db, now, {
      email: 'bench@palisade.local',
      name: 'Bench Owner',
      role: 'owner',
      passwordHash: null,
      createdBy: null,
    });
    const { token } = await createApiToken(db, now, owner, { name: 'bench', expiresInDays: 1 });
    return { token };
  } finally {
    await close();
  }
}

/** The environment of every `serve` and `worker` of one bench; Atlassian-wide URLs are the first simulator's. */
export function palisadeEnv(input: {
  databaseUrl: string;
  dataDir: string;
  sims: SimulatorInfo[];
  hosts: string[];
}): Record<string, string> {
  const first = input.sims[0];
  if (!first) throw new Error('no simulator');
  return {
    DATABASE_URL: input.databaseUrl,
    PALISADE_DATA_DIR: input.dataDir,
    PALISADE_SECRET_KEY: randomBytes(32).toString('hex'),
    PALISADE_ALLOW_HOSTS: [...new Set(input.hosts)].join(','),
    PALISADE_ADMIN_API_URL: first.adminApiUrl,
    PALISADE_MARKETPLACE_URL: first.marketplaceUrl,
    PALISADE_AUTH_URL: first.authUrl,
    PALISADE_LOG_LEVEL: 'warn',
  };
}

/** The API with the bench's token; an answer outside `accept` is an error naming the route. */
export function benchApi(base: string, token: string) {
  return async <T>(method: string, path: string, body?: unknown, accept = [200, 201, 202]): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const parsed = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
    if (!accept.includes(res.status)) {
      throw new Error(`${method} ${path} answered ${res.status}: ${parsed.error?.message ?? 'no message'}`);
    }
    return parsed;
  };
}

/** A site-only connection of a simulated org (Atlassian-wide URLs are one per process, so the org key is left out). */
export function siteConnectionBody(info: SimulatorInfo) {
  return {
    method: 'api-token',
    adminEmail: info.credentials.admin.email,
    apiToken: info.credentials.admin.apiToken,
    siteUrls: info.sites.map((s) => s.url),
  };
}

/** A connection of the org with its API key (the org's admin API is the simulator's). */
export function orgConnectionBody(info: SimulatorInfo) {
  return { ...siteConnectionBody(info), orgId: info.org.id, orgApiKey: info.credentials.orgApiKey };
}

/**
 * The database prepared and a `palisade serve` started on it (`--port 0` plus `serveArgs`, e.g.
 * `--no-worker`): the environment the bench's workers share with it, and its API with the token.
 */
export async function startBenchServer(input: {
  databaseUrl: string;
  dataDir: string;
  sims: SimulatorsProcess;
  serveArgs: string[];
}) {
  const { token } = await prepareDatabase(input.databaseUrl, new Date());
  const env = palisadeEnv({
    databaseUrl: input.databaseUrl,
    dataDir: input.dataDir,
    sims: input.sims.infos,
    hosts: input.sims.hosts,
  });
  const server = await startPalisade('serve', {
    name: 'serve',
    args: ['--port', '0', ...input.serveArgs],
    env,
    logDir: input.dataDir,
  });
  const base = server.url ?? '';
  return { server, env, token, base, api: benchApi(base, token) };
}

import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { PalisadeError } from '../../errors.ts';
import { hashPassword } from '../../people/passwords.ts';
import { resetPassword } from '../../people/sign-in.ts';
import { findUserRowByEmail, insertUser } from '../../people/users.ts';
import { startServer } from '../../server/start-server.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { createProgress } from '../progress/create-progress.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';
import { DemoApiClient } from './demo-api-client.ts';
import { startDemoTenant } from './demo-simulator.ts';

// `palisade demo` (`npm start`): Palisade as the service it is, on a simulated organization. It
// starts the Atlassian simulator with the "Acme" organization, the server on 127.0.0.1:8080 (or a
// free port) with the simulator as its Atlassian, an owner `demo@palisade.local` with a new random
// password (printed once), then connects Acme through the API exactly as a person would (sign in,
// the token method: admin e-mail, API token, org API key), then Acme's Bitbucket workspace (its
// workspace access token) and its Jira and Confluence Data Center instances (a system
// administrator's personal access token each), waits for their first scans and prints where to go.
// It serves until Ctrl+C. A second start keeps the data: each connection is updated with the
// simulator's credentials (and the Data Center instances with their new addresses) and scanned again.

export const DEMO_OWNER = { email: 'demo@palisade.local', name: 'Demo Owner' };

export interface DemoServiceFlags {
  host: string;
  port: number;
  db?: string;
  quiet?: boolean;
}

export async function demoService(flags: DemoServiceFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  const progress = createProgress(deps.stderr, { quiet: flags.quiet === true });
  const { sim, hosts: simHosts, bitbucket, dataCenter } = await startDemoTenant(deps, ctx.secrets, progress);
  const { info } = sim;
  // A database that cannot be opened still stops the simulator's listeners.
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: false }).catch(
    async (error: unknown) => {
      await sim.stop();
      throw error;
    },
  );
  try {
    const password = randomBytes(12).toString('base64url');
    const admin = info.credentials.admin;
    progress.phase('starting the Palisade server');
    const server = await listenOnDemoPort(flags, async (port) =>
      startServer({
        db: store.db,
        env: {
          ...deps.env,
          // The simulator is this server's Atlassian: its hosts allowed, its base URLs, its OAuth app.
          PALISADE_ALLOW_HOSTS: [...deps.env.PALISADE_ALLOW_HOSTS, ...simHosts],
          PALISADE_ADMIN_API_URL: info.adminApiUrl,
          PALISADE_MARKETPLACE_URL: info.marketplaceUrl,
          PALISADE_AUTH_URL: info.authUrl,
          PALISADE_BITBUCKET_API_URL: info.bitbucketUrl,
          PALISADE_OAUTH_CLIENT_ID: info.credentials.oauth.clientId,
          PALISADE_OAUTH_CLIENT_SECRET: info.credentials.oauth.clientSecret,
          PALISADE_OAUTH_REDIRECT_URL: `http://${flags.host}:${port || 8080}/api/v1/connections/oauth/callback`,
          PALISADE_LOG_LEVEL: 'warn',
        },
        dataDir: resolve(deps.cwd, deps.env.PALISADE_DATA_DIR),
        host: flags.host,
        port,
        now: deps.now,
      }),
    );
    try {
      const callback = `${server.url}/api/v1/connections/oauth/callback`;
      // The OAuth app registered in the simulated developer console knows this server's callback.
      server.deps.settings.oauth = { ...info.credentials.oauth, redirectUrl: callback };
      for (const client of sim.context.state.tenant.oauthClients) {
        if (!client.redirectUris.includes(callback)) client.redirectUris.push(callback);
      }
      await ensureOwner(store.db, password, deps.now());
      const api = new DemoApiClient(server.url);
      await api.signIn(DEMO_OWNER.email, password);
      progress.phase('connecting the Acme organization through the API (API token method)');
      const connection = await api.connect({
        method: 'api-token',
        adminEmail: admin.email,
        apiToken: admin.apiToken,
        orgId: info.org.id,
        orgApiKey: info.credentials.orgApiKey,
      });
      progress.phase(`first scan of ${connection.orgName ?? 'Acme'}`);
      let shown = '';
      const done = await api.waitForScan(connection.id, (p) => {
        // One line per step, not per page: the counts move too often for a log.
        if (p.phase !== shown) progress.phase(`scanning: ${p.phase}`);
        shown = p.phase;
      });
      // Beside the cloud organization: its Bitbucket workspace and its Data Center instances.
      const others = [
        ...(bitbucket
          ? [
              {
                kind: 'bitbucket' as const,
                workspace: bitbucket.workspace,
                accessToken: bitbucket.accessToken,
              },
            ]
          : []),
        ...dataCenter.map((instance) => ({ kind: 'data-center' as const, ...instance })),
      ];
      const added = [];
      for (const body of others) {
        progress.phase(
          body.kind === 'bitbucket'
            ? `connecting the Bitbucket workspace ${body.workspace} through the API`
            : `connecting the Data Center instance at ${new URL(body.baseUrl).host} through the API`,
        );
        const product =
          body.kind === 'data-center'
            ? info.dataCenterSites.find((s) => s.url === body.baseUrl)?.product
            : undefined;
        added.push(await api.connectKind(body, product));
      }
      const ends = [];
      for (const connection of added) {
        progress.phase(`first scan of ${connection.orgName ?? connection.id}`);
        ends.push({
          name: connection.orgName ?? connection.id,
          end: await api.waitForScan(connection.id, () => {}),
        });
      }
      progress.end();
      deps.stdout.write(
        [
          '',
          `Palisade is running at ${server.url}`,
          `  Sign in as ${DEMO_OWNER.email} with the password ${password} (printed only now)`,
          `  Acme is connected: ${done.domains} domain(s), last scan ${done.state}${done.reason ? ` — ${done.reason}` : ''}`,
          ...ends.map(
            ({ name, end }) =>
              `  ${name} is connected: last scan ${end.state}${end.reason ? ` — ${end.reason}` : ''}`,
          ),
          `  The API: ${server.url}/api/docs   Health: ${server.url}/api/v1/health`,
          '  Ctrl+C stops the server (the data stays in the database for the next start).',
          '',
        ].join('\n'),
      );
      await untilAborted(deps.signal);
      return EXIT_OK;
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    await sim.stop();
  }
}

type Started = Awaited<ReturnType<typeof startServer>>;

/** The requested port, or any free one when it is taken (a second demo, another service on 8080). */
async function listenOnDemoPort(
  flags: DemoServiceFlags,
  start: (port: number) => Promise<Started>,
): Promise<Started> {
  try {
    return await start(flags.port);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE' || flags.port === 0) throw error;
    return start(0);
  }
}

async function ensureOwner(db: Parameters<typeof insertUser>[0], password: string, now: Date): Promise<void> {
  const existing = await findUserRowByEmail(db, DEMO_OWNER.email);
  if (existing) {
    if (existing.role !== 'owner') {
      throw new DemoError(
        `${DEMO_OWNER.email} exists in this database without the owner role — use another --db`,
      );
    }
    await resetPassword(db, existing.id, password, now);
    return;
  }
  await insertUser(db, now, {
    ...DEMO_OWNER,
    role: 'owner',
    rights: ['apps:revoke'],
    passwordHash: await hashPassword(password),
    createdBy: null,
  });
}

class DemoError extends PalisadeError {
  override readonly name = 'DemoError';
  readonly code = 'invalid_input' as const;
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (!signal) return;
    if (signal.aborted) return done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
}

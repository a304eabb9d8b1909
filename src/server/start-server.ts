import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { createSecretBox } from '../connections/credentials/secret-box.ts';
import { loadSecretKey } from '../connections/credentials/secret-key.ts';
import type { Database } from '../db/schema.ts';
import { createScanService } from '../jobs/create-scan-service.ts';
import { createEventBus } from '../jobs/events.ts';
import { createPgEventBus } from '../jobs/pg-event-bus.ts';
import type { JobLogger } from '../jobs/run-claimed-scan.ts';
import { createNotifier } from '../notify/notifier.ts';
import { ensureSetupLink } from '../people/setup.ts';
import { buildApp } from './build-app.ts';
import type { ServerDeps } from './server-deps.ts';
import { type ServerEnv, serverSettingsOf, trustProxyOf } from './server-env.ts';

// The composition root of `palisade serve` (and the demo): the secret key, the scan service, the
// app, listening; then the first-run setup link when nobody can sign in yet. The only place the
// server's pieces meet the process (the wall clock arrives as `now`).

export interface StartServerOptions {
  db: Kysely<Database>;
  env: ServerEnv;
  /** Where the secret key file lives when PALISADE_SECRET_KEY is unset. */
  dataDir: string;
  host: string;
  /** 0: any free port. */
  port: number;
  now: () => Date;
  logStream?: DestinationStream | undefined;
  /** Run jobs in this process (the default); false: queue them only (`serve --no-worker`, PostgreSQL). */
  worker?: boolean;
  /** The database's PostgreSQL URL: jobs go through pg-boss there; unset (SQLite): the in-process queue. */
  postgresUrl?: string | undefined;
  /** pg-boss's schema (default `pgboss`). */
  jobSchema?: string | undefined;
}

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  deps: ServerDeps;
  /** The one-time first-run link, when no owner exists yet. */
  setupUrl: string | undefined;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { env, db, now } = options;
  const key = loadSecretKey({ envValue: env.PALISADE_SECRET_KEY, dataDir: options.dataDir, create: true });
  const secretBox = createSecretBox(key.key, key.previous);
  const settings = serverSettingsOf(env, `http://${options.host}:${options.port}`);
  // The scan service logs through the app's logger, which exists once the app is built.
  let app: FastifyInstance | undefined;
  const logger: JobLogger = {
    info: (details, message) => app?.log.info(details, message),
    warn: (details, message) => app?.log.warn(details, message),
    error: (details, message) => app?.log.error(details, message),
  };
  // On PostgreSQL events cross processes (a worker's progress reaches this server's browsers).
  const pgEvents = options.postgresUrl
    ? createPgEventBus(new pg.Pool({ connectionString: options.postgresUrl, max: 2 }), { logger })
    : undefined;
  const events = pgEvents ?? createEventBus();
  // Notifications: the scan runner tells them when a scan ends; their runner delivers the outbox.
  const notifier = createNotifier({
    db,
    now,
    secretBox,
    settings: settings.notify ?? { allowHosts: [] },
    publicUrl: () => settings.publicUrl,
    logger,
  });
  const scans = createScanService({
    postgresUrl: options.postgresUrl,
    jobSchema: options.jobSchema,
    leaseTtlMs: env.PALISADE_SCAN_LEASE_TTL,
    runJobs: options.worker !== false,
    db,
    now,
    secretBox,
    events,
    allowHosts: settings.allowHosts,
    baseUrls: settings.baseUrls,
    scanIntervalMs: settings.scanIntervalMs,
    oauth: settings.oauth,
    logger,
    afterScan: notifier.afterScan,
  });
  const deps: ServerDeps = {
    db,
    now,
    settings,
    secretBox,
    scans,
    events,
    logStream: options.logStream,
    logLevel: env.PALISADE_LOG_LEVEL,
    notifier,
  };
  app = await buildApp(deps, { trustProxy: trustProxyOf(env) });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  // Without PALISADE_PUBLIC_URL, links point where the server really listens (a free port included).
  if (env.PALISADE_PUBLIC_URL === undefined) settings.publicUrl = url;
  if (options.worker !== false) {
    scans.start();
    notifier.runner.start();
  }
  const setupUrl = await ensureSetupLink(db, now(), settings.publicUrl);
  return {
    url,
    deps,
    setupUrl,
    async close() {
      await scans.stop();
      await notifier.runner.stop();
      await app?.close();
      await pgEvents?.close();
    },
  };
}

import { resolve } from 'node:path';
import pg from 'pg';
import { createSecretBox } from '../../connections/credentials/secret-box.ts';
import { loadSecretKey } from '../../connections/credentials/secret-key.ts';
import { createPgBossScanService } from '../../jobs/pg-boss-scan-service.ts';
import { createPgEventBus } from '../../jobs/pg-event-bus.ts';
import type { JobLogger } from '../../jobs/run-claimed-scan.ts';
import { createNotifier } from '../../notify/notifier.ts';
import { smtpSecrets } from '../../notify/notify-settings.ts';
import { serverSettingsOf } from '../../server/server-env.ts';
import { CliError } from '../cli-error.ts';
import { EXIT_OK } from '../exit-codes.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';

// `palisade worker`: opens (and migrates) the PostgreSQL database, then runs jobs through pg-boss
// until Ctrl+C or SIGTERM, when running scans stop at their next page (checkpointed, queued again
// for another worker) and the process exits within 30 s. Log lines are JSON on stdout, like serve's.

export async function worker(ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  ctx.secrets.add(deps.env.PALISADE_SECRET_KEY, deps.env.PALISADE_OAUTH_CLIENT_SECRET);
  ctx.secrets.add(...smtpSecrets(deps.env.PALISADE_SMTP_URL));
  const spec = defaultDatabase(deps);
  const store = await openStore(spec, { mustExist: false });
  try {
    if (store.dialect !== 'postgres') {
      throw new CliError(
        'usage',
        'palisade worker needs PostgreSQL (set DATABASE_URL): on SQLite one process does everything — run palisade serve',
      );
    }
    const env = deps.env;
    const key = loadSecretKey({
      envValue: env.PALISADE_SECRET_KEY,
      dataDir: resolve(deps.cwd, env.PALISADE_DATA_DIR),
      create: false,
    });
    const settings = serverSettingsOf(env, 'http://127.0.0.1');
    const log = (level: string) => (details: Record<string, unknown>, message: string) => {
      deps.stdout.write(
        `${JSON.stringify({ level, time: deps.now().toISOString(), msg: message, ...details })}\n`,
      );
    };
    const logger: JobLogger = { info: log('info'), warn: log('warn'), error: log('error') };
    // The scans' progress reaches the browsers of every server through the database.
    const events = createPgEventBus(new pg.Pool({ connectionString: spec, max: 2 }), { logger });
    const secretBox = createSecretBox(key.key, key.previous);
    // Links in notifications need PALISADE_PUBLIC_URL: a worker has no address of its own.
    const notifier = createNotifier({
      db: store.db,
      now: deps.now,
      secretBox,
      settings: settings.notify ?? { allowHosts: [] },
      publicUrl: () => settings.publicUrl,
      logger,
    });
    const scans = createPgBossScanService({
      connectionString: spec,
      db: store.db,
      now: deps.now,
      secretBox,
      events,
      leaseTtlMs: env.PALISADE_SCAN_LEASE_TTL,
      allowHosts: settings.allowHosts,
      baseUrls: settings.baseUrls,
      scanIntervalMs: settings.scanIntervalMs,
      oauth: settings.oauth,
      logger,
      afterScan: notifier.afterScan,
    });
    scans.start();
    notifier.runner.start();
    await scans.ready();
    deps.stderr.write(`Palisade worker ${scans.holder} running\n`);
    await untilAborted(deps.signal);
    deps.stderr.write('Palisade worker stopping: running scans stop at their next page\n');
    await scans.stop();
    await notifier.runner.stop();
    await events.close();
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (!signal) return;
    if (signal.aborted) return done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
}

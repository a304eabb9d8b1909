import { resolve } from 'node:path';
import { smtpSecrets } from '../../notify/notify-settings.ts';
import { startServer } from '../../server/start-server.ts';
import { CliError } from '../cli-error.ts';
import { EXIT_OK } from '../exit-codes.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';

// `palisade serve`: opens (and migrates) the database, starts the server, prints where it listens
// and, on an empty database, the one-time setup link; then serves until Ctrl+C or SIGTERM, when
// running scans stop at their next page (checkpointed) and the process exits.

export interface ServeFlags {
  host: string;
  port: number;
  /** false with --no-worker. */
  worker?: boolean;
}

export async function serve(flags: ServeFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  ctx.secrets.add(deps.env.PALISADE_SECRET_KEY, deps.env.PALISADE_OAUTH_CLIENT_SECRET);
  ctx.secrets.add(...smtpSecrets(deps.env.PALISADE_SMTP_URL));
  const spec = defaultDatabase(deps);
  const store = await openStore(spec, { mustExist: false });
  try {
    if (flags.worker === false && store.dialect !== 'postgres') {
      throw new CliError(
        'usage',
        '--no-worker needs PostgreSQL (DATABASE_URL): on SQLite the server is the only process and runs its jobs itself — drop --no-worker',
      );
    }
    const server = await startServer({
      db: store.db,
      env: deps.env,
      dataDir: resolve(deps.cwd, deps.env.PALISADE_DATA_DIR),
      host: flags.host,
      port: flags.port,
      now: deps.now,
      worker: flags.worker !== false,
      postgresUrl: store.dialect === 'postgres' ? spec : undefined,
    });
    deps.stderr.write(`Palisade listening on ${server.url}\n`);
    if (server.setupUrl) {
      deps.stderr.write(`First run: create the owner at ${server.setupUrl} (valid 24 h)\n`);
    }
    await untilAborted(deps.signal);
    deps.stderr.write('Palisade stopping: running scans stop at their next page\n');
    await server.close();
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

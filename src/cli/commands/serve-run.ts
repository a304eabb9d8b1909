import { resolve } from 'node:path';
import { startServer } from '../../server/start-server.ts';
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
}

export async function serve(flags: ServeFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  ctx.secrets.add(deps.env.PALISADE_SECRET_KEY, deps.env.PALISADE_OAUTH_CLIENT_SECRET);
  const store = await openStore(defaultDatabase(deps), { mustExist: false });
  try {
    const server = await startServer({
      db: store.db,
      env: deps.env,
      dataDir: resolve(deps.cwd, deps.env.PALISADE_DATA_DIR),
      host: flags.host,
      port: flags.port,
      now: deps.now,
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

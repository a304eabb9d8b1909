import type { SimulatorInfo } from '../../simulator/start.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { createDatabase, type DatabaseOptions } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { syncConnection } from '../../src/sync/sync-connection.ts';

// Run as a child process by sync-kill.test.ts: syncs the simulator it is given into the database
// it is given (a SQLite file or a PostgreSQL schema), printing one line per stored page, so the
// test can SIGKILL it mid-run. Argument: `{"database": DatabaseOptions, "simulator": SimulatorInfo}`.

const { database, simulator } = JSON.parse(process.argv[2] ?? '{}') as {
  database: DatabaseOptions;
  simulator: SimulatorInfo;
};
const { db, close } = createDatabase(database);
await migrateToLatest(db);
const sim = simConnection(simulator);
const result = await syncConnection({
  db,
  connection: sim.connection,
  allowHosts: sim.allowHosts,
  baseUrls: sim.baseUrls,
  onProgress: (p) => {
    if (p.event === 'page') process.stdout.write(`page ${p.dataset}@${p.scope} ${p.itemsRead}\n`);
  },
});
process.stdout.write(`finished ${result.status}\n`);
await close();

import { createDatabase, type DatabaseOptions } from '../../db/create-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { runSync } from '../run-sync.ts';
import { fakeApi } from './fake-api.ts';
import { CONNECTION, saveTestConnection, slowCollectors } from './sync-fixture.ts';

// Test fixture, run as a child process by run-sync-kill.test.ts: a slow fake sync that prints
// one line per stored page so the test knows when to SIGKILL it. Argument: DatabaseOptions as JSON.

const options = JSON.parse(process.argv[2] ?? '{}') as DatabaseOptions;
const { db, close } = createDatabase(options);
await migrateToLatest(db);
await saveTestConnection(db);
await runSync({
  db,
  api: fakeApi(),
  collectors: slowCollectors(25),
  connection: CONNECTION,
  now: () => new Date(),
  onProgress: (p) => {
    if (p.event === 'page') process.stdout.write(`page ${p.itemsRead}\n`);
  },
});
process.stdout.write('finished\n');
await close();

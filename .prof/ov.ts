import { createDatabase } from '../src/db/create-database.ts';
import { scoreSeries, failingBySeverity, latestChanges } from '../src/server/modules/overview-query.ts';
import { createAppsCatalog } from '../src/server/modules/apps-catalog.ts';
const { db, close } = createDatabase({ url: process.argv[2] ?? '' });
const ids = (await db.selectFrom('connections').select('id').execute()).map((r) => r.id);
const cat = createAppsCatalog({ db, now: () => new Date() });
for (let i = 0; i < 2; i++) {
  for (const [name, f] of [['series', () => scoreSeries(db, ids)], ['failing', () => failingBySeverity(db, ids)], ['changes', () => latestChanges(db, ids)], ['catalog', () => cat.load()]] as const) {
    const t = performance.now();
    await f();
    console.log(name, (performance.now() - t).toFixed(1));
  }
}
const c = await db.selectFrom('finding_workflow').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
const ch = await db.selectFrom('finding_changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
console.log(c, ch);
await close();

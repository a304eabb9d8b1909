import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDatabase } from '../bench/lib/bench-site.ts';
import { load } from '../bench/lib/load.ts';
import { startPalisade } from '../bench/lib/palisade-process.ts';
const url = process.argv[2] ?? '';
const conns = (process.argv[3] ?? '200').split(',').map(Number);
const { token } = await prepareDatabase(url, new Date()).catch(async () => {
  const { createDatabase } = await import('../src/db/create-database.ts');
  const { createApiToken } = await import('../src/people/api-tokens.ts');
  const { db, close } = createDatabase({ url });
  const u = await db.selectFrom('users').selectAll().where('email', '=', 'bench@palisade.local').executeTakeFirstOrThrow();
  const { getUser } = await import('../src/people/users.ts');
  const user = await getUser(db, u.id);
  const t = await createApiToken(db, new Date(), user!, { name: `bench${Date.now()}`, expiresInDays: 1 });
  await close();
  return t;
});
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const server = await startPalisade('serve', {
  name: 'serve',
  args: ['--port', '0', '--no-worker'],
  env: { DATABASE_URL: url, PALISADE_DATA_DIR: dir, PALISADE_SECRET_KEY: randomBytes(32).toString('hex'), PALISADE_LOG_LEVEL: 'warn' },
  logDir: dir,
});
const base = server.url ?? '';
const routes: Record<string, string> = {
  overview: '/api/v1/overview',
  findings: '/api/v1/findings?severity=critical&limit=50',
  apps: '/api/v1/apps',
};
for (const [name, route] of Object.entries(routes)) {
  const t = performance.now();
  const r0 = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await r0.text();
  console.log(name, 'first', r0.status, (performance.now() - t).toFixed(0), 'ms', body.length, 'bytes');
}
for (const c of conns) for (const [name, route] of Object.entries(routes)) {
  const r = await load({ url: `${base}${route}`, token, connections: c, seconds: 5 });
  console.log(c, name, JSON.stringify(r));
}
await server.stop();

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { readCliEnv } from '../../src/cli/cli-env.ts';
import { openTestDatabase } from '../../src/db/testing/test-database.ts';
import { addPerson } from '../../src/people/testing/people-fixtures.ts';
import { startServer } from '../../src/server/start-server.ts';
import { BUILT } from '../server/scans-fixture.ts';
import { startMailServer } from './receivers.ts';

// The composition root: `palisade serve` with PALISADE_SMTP_URL set wires the scan service's hook
// and the delivery runner, so connecting an organization through the API e-mails its owner when
// the domain is ready — nothing in the test calls the notifier itself.

test('with SMTP configured, palisade serve e-mails the owner when a new connection’s domain is ready', {
  timeout: 120_000,
}, async (t) => {
  const database = await openTestDatabase('sqlite');
  const sim = await startSimulator({ tenant: tinyTenant(BUILT) });
  const smtp = await startMailServer();
  const dir = mkdtempSync(join(tmpdir(), 'palisade-notify-'));
  t.after(async () => {
    await smtp.stop();
    await sim.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { allowHosts, baseUrls } = simConnection(sim.info);
  const started = Date.now();
  const now = () => new Date(BUILT.getTime() + (Date.now() - started));
  const server = await startServer({
    db: database.db,
    env: readCliEnv({
      PALISADE_DATA_DIR: dir,
      PALISADE_ALLOW_HOSTS: allowHosts.join(','),
      PALISADE_ADMIN_API_URL: baseUrls.api,
      PALISADE_MARKETPLACE_URL: baseUrls.marketplace,
      PALISADE_AUTH_URL: baseUrls.auth,
      PALISADE_PUBLIC_URL: 'https://palisade.acme.test',
      PALISADE_SMTP_URL: smtp.url,
      PALISADE_MAIL_FROM: 'Palisade <palisade@acme.test>',
      PALISADE_LOG_LEVEL: 'silent',
    }),
    dataDir: dir,
    host: '127.0.0.1',
    port: 0,
    now,
  });
  try {
    const owner = await addPerson(database.db, now(), 'owner', { email: 'ciso@acme.test' });
    const { admin, orgApiKey } = sim.info.credentials;
    const created = await fetch(`${server.url}/api/v1/connections`, {
      method: 'POST',
      headers: { authorization: owner.bearer, 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'api-token',
        adminEmail: admin.email,
        apiToken: admin.apiToken,
        orgId: sim.info.org.id,
        orgApiKey,
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const id = ((await created.json()) as { connection: { id: string } }).connection.id;
    const [mail] = await smtp.waitFor(1, 90_000);
    assert.deepEqual(mail?.to, ['ciso@acme.test']);
    assert.match(mail?.subject ?? '', /^\[Palisade\] Acme Tiny: 3 updates \(Your domain is ready; /);
    assert.ok(mail?.text.includes(`Open in Palisade: https://palisade.acme.test/connections/${id}`));
  } finally {
    await server.close();
  }
});

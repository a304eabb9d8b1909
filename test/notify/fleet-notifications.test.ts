import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createSecretBox } from '../../src/connections/credentials/secret-box.ts';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { createChannel } from '../../src/notify/channels-store.ts';
import { createNotifier } from '../../src/notify/notifier.ts';
import { allFinished, fleetFixture, waitFor } from '../jobs/pg-boss-fixture.ts';
import { startMailServer } from './receivers.ts';

// Several processes on one PostgreSQL database (`palisade serve` and `palisade worker`, each with
// its own notifier, as worker-run.ts and start-server.ts wire them): the worker that ran a scan
// queues its notifications, and however many delivery runners pass at once, each message leaves once.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;

test('with two pg-boss workers and their delivery runners, a scan’s messages are each delivered exactly once', {
  skip,
  timeout: 120_000,
}, async (t) => {
  const f = await fleetFixture(1);
  t.after(() => f.stop());
  const smtp = await startMailServer();
  t.after(() => smtp.stop());
  const settings = { allowHosts: [], smtp: { url: smtp.url, from: 'palisade@acme.test' } };
  const notifiers = [1, 2].map(() =>
    createNotifier({
      db: f.database.db,
      now: f.clock.now,
      secretBox: createSecretBox(randomBytes(32)),
      settings,
      publicUrl: () => 'https://palisade.test',
    }),
  );
  const workers = notifiers.map((n) => f.worker({ afterScan: n.afterScan }));
  for (const w of workers) w.start();
  await Promise.all(workers.map((w) => w.ready()));
  await createChannel(
    { db: f.database.db, now: f.clock.now, secretBox: createSecretBox(randomBytes(32)), allowHosts: [] },
    { kind: 'email', name: 'SecOps', recipients: ['secops@acme.test'], digest: false },
    null,
  );
  const org = f.orgs[0];
  assert.ok(org);
  await workers[0]?.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
  await waitFor(
    'the scan to end',
    async () => {
      const queued = await f.database.db.selectFrom('notification_outbox').select('id').execute();
      return (await allFinished(f)) && queued.length === 3;
    },
    90_000,
  );
  await Promise.all([
    ...notifiers.map((n) => n.runner.runOnce()),
    ...notifiers.map((n) => n.runner.runOnce()),
  ]);
  const subjects = smtp.mails.map((m) => m.subject);
  assert.equal(subjects.length, 3, subjects.join('\n'));
  assert.equal(new Set(subjects).size, 3);
  assert.match(subjects[0] ?? '', /^\[Palisade\] .+: Your domain is ready$/);
  const rows = await f.database.db.selectFrom('notification_outbox').select(['status', 'attempts']).execute();
  assert.deepEqual(
    rows.map((r) => [r.status, Number(r.attempts)]),
    [
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
    ],
  );
});

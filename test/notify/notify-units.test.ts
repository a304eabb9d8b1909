import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { readCliEnv } from '../../src/cli/cli-env.ts';
import { resealAll } from '../../src/connections/credentials/credential-store.ts';
import { createSecretBox } from '../../src/connections/credentials/secret-box.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { hostAllowed } from '../../src/notify/allow-hosts.ts';
import { createChannel } from '../../src/notify/channels-store.ts';
import { claimDue, outboxRow, pruneOutbox } from '../../src/notify/outbox.ts';
import { signWebhook, verifyWebhook } from '../../src/notify/webhook-signature.ts';
import { serverSettingsOf } from '../../src/server/server-env.ts';

const NOW = new Date('2026-11-01T12:00:00Z');

test('the SMTP settings are validated at start, each problem naming its variable', () => {
  assert.throws(
    () => readCliEnv({ PALISADE_SMTP_URL: 'http://mail.acme.test' }),
    /the environment variable PALISADE_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
  );
  assert.throws(
    () => readCliEnv({ PALISADE_MAIL_FROM: 'palisade' }),
    /the environment variable PALISADE_MAIL_FROM must be an e-mail address/,
  );
  assert.throws(
    () => readCliEnv({ PALISADE_NOTIFY_ALLOW_HOSTS: 'siem.acme.test,https://x' }),
    /the environment variable PALISADE_NOTIFY_ALLOW_HOSTS must be a comma-separated list of host\[:port\]/,
  );
  const half = readCliEnv({ PALISADE_SMTP_URL: 'smtp://mail.acme.test:587' });
  assert.throws(
    () => serverSettingsOf(half, 'http://127.0.0.1:8080'),
    /PALISADE_SMTP_URL and PALISADE_MAIL_FROM must be set together/,
  );
  const env = readCliEnv({
    PALISADE_SMTP_URL: 'smtps://palisade:s3cret@mail.acme.test:465',
    PALISADE_MAIL_FROM: 'Palisade <palisade@acme.test>',
    PALISADE_NOTIFY_ALLOW_HOSTS: 'SIEM.acme.test:8443, *.hooks.acme.test',
  });
  assert.deepEqual(serverSettingsOf(env, 'http://127.0.0.1:8080').notify, {
    allowHosts: ['siem.acme.test:8443', '*.hooks.acme.test'],
    smtp: { url: 'smtps://palisade:s3cret@mail.acme.test:465', from: 'Palisade <palisade@acme.test>' },
  });
  assert.deepEqual(serverSettingsOf(readCliEnv({}), 'http://127.0.0.1:8080').notify, { allowHosts: [] });
});

test('a channel host is allowed by name (any port), by host:port exactly, or by a *. wildcard', () => {
  const allow = ['siem.acme.test', 'splunk.acme.test:8088', '*.hooks.acme.test'];
  assert.equal(hostAllowed(new URL('https://siem.acme.test:9000/x'), allow), true);
  assert.equal(hostAllowed(new URL('https://splunk.acme.test:8088/x'), allow), true);
  assert.equal(hostAllowed(new URL('https://splunk.acme.test/x'), allow), false);
  assert.equal(hostAllowed(new URL('https://a.hooks.acme.test/x'), allow), true);
  assert.equal(hostAllowed(new URL('https://hooks.acme.test.evil.example/x'), allow), false);
  assert.equal(hostAllowed(new URL('https://hooks.slack.com/services/x'), allow), false);
  assert.equal(hostAllowed(new URL('https://hooks.slack.com/services/x'), allow, ['hooks.slack.com']), true);
});

test('a webhook signature is HMAC-SHA256 of "timestamp.body" and is refused when stale or altered', () => {
  const body = '{"id":"d-1","events":[]}';
  const ts = Math.floor(NOW.getTime() / 1000);
  const signature = signWebhook('whsec_test-secret-0123456789', ts, body);
  assert.match(signature, /^v1=[0-9a-f]{64}$/);
  const headers = { signature, timestamp: String(ts) };
  assert.equal(verifyWebhook('whsec_test-secret-0123456789', headers, body, NOW), true);
  assert.equal(
    verifyWebhook('whsec_test-secret-0123456789', headers, body, new Date(NOW.getTime() + 301_000)),
    false,
  );
  assert.equal(
    verifyWebhook('whsec_test-secret-0123456789', { ...headers, timestamp: String(ts + 1) }, body, NOW),
    false,
  );
  assert.equal(
    verifyWebhook('whsec_test-secret-0123456789', headers, body.replace('d-1', 'd-2'), NOW),
    false,
  );
});

forEachDatabase('two delivery runners claiming at once never take the same message', async (_t, database) => {
  const db = database.db;
  const rows = Array.from({ length: 40 }, (_, i) =>
    outboxRow({ recipient: `p${i}@acme.test` }, null, { kind: 'mail', subject: 's', text: 't' }, NOW),
  );
  await db.insertInto('notification_outbox').values(rows).execute();
  const claims = await Promise.all(
    ['a', 'b', 'a2', 'b2'].map((holder) => claimDue(db, { holder, now: NOW, limit: 15 })),
  );
  const ids = claims.flat().map((r) => r.id);
  assert.equal(ids.length, 40);
  assert.equal(new Set(ids).size, 40);
  // A claim whose process died is due again once its claim expired.
  assert.deepEqual(await claimDue(db, { holder: 'c', now: NOW, limit: 50 }), []);
  const later = await claimDue(db, { holder: 'c', now: new Date(NOW.getTime() + 5 * 60_000 + 1), limit: 50 });
  assert.equal(later.length, 40);
});

forEachDatabase(
  'rotating the secret key reseals notification channels’ URLs and webhook secrets',
  async (_t, database) => {
    const oldKey = randomBytes(32);
    const oldBox = createSecretBox(oldKey);
    const { channel } = await createChannel(
      { db: database.db, now: () => NOW, secretBox: oldBox, allowHosts: ['siem.acme.test'] },
      { kind: 'webhook', name: 'SIEM', url: 'https://siem.acme.test/hook' },
      null,
    );
    const newKey = randomBytes(32);
    const result = await resealAll(database.db, createSecretBox(newKey, [oldKey]));
    assert.equal(result.resealed, 2);
    const row = await database.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', channel.id)
      .executeTakeFirstOrThrow();
    const onlyNew = createSecretBox(newKey);
    assert.equal(onlyNew.open(row.url_sealed ?? ''), 'https://siem.acme.test/hook');
    assert.match(onlyNew.open(row.secret_sealed ?? ''), /^whsec_/);
  },
);

forEachDatabase(
  'delivered and failed messages are kept 30 days, pending ones until they leave',
  async (_t, database) => {
    const old = new Date(NOW.getTime() - 31 * 86_400_000);
    const row = (status: 'delivered' | 'failed' | 'pending', at: Date) => ({
      ...outboxRow({ recipient: 'p@acme.test' }, null, { kind: 'mail', subject: 's', text: status }, at),
      status,
    });
    await database.db
      .insertInto('notification_outbox')
      .values([row('delivered', old), row('failed', old), row('pending', old), row('delivered', NOW)])
      .execute();
    assert.equal(await pruneOutbox(database.db, NOW), 2);
    const left = await database.db
      .selectFrom('notification_outbox')
      .select(['status', 'created_at'])
      .execute();
    assert.deepEqual(left.map((r) => r.status).sort(), ['delivered', 'pending']);
  },
);

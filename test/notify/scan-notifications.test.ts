import assert from 'node:assert/strict';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { getChannel } from '../../src/notify/channels-store.ts';
import { verifyWebhook } from '../../src/notify/webhook-signature.ts';
import { addPerson } from '../../src/people/testing/people-fixtures.ts';
import { BUILT } from '../server/scans-fixture.ts';
import { eventsOf, FROM, notifyWorld, PUBLIC } from './notify-world.ts';

// The messages of a first scan, end to end: the scan service runs a real sync against the
// simulator, its hook queues the events, the delivery runner sends them to a real SMTP server and
// an HTTP receiver standing in for Slack and a SIEM.

const TIMEOUT = { timeout: 120_000 };

forEachDatabase(
  'a first scan e-mails the domain ready, each new critical or high finding with its link, and the new high-risk apps',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    const email = await w.secOps({ minSeverity: 'high' });
    await w.scan();
    const connection = w.f.connectionId;
    const mails = w.smtp.mails;
    assert.deepEqual(
      mails.map((m) => m.subject),
      [
        '[Palisade] Acme Tiny: Your domain is ready',
        '[Palisade] Acme Tiny: 19 new or regressed findings (5 critical, 14 high)',
        '[Palisade] Acme Tiny: 2 new high-risk apps',
      ],
    );
    for (const m of mails) {
      assert.deepEqual(m.to, ['secops@acme.test']);
      assert.equal(m.from, '"Palisade" <palisade@acme.test>', `${FROM} as the mail reads it`);
      assert.match(m.text, new RegExp(`${PUBLIC}/settings/notifications`));
    }
    const [ready, findings, apps] = mails;
    assert.match(ready?.text ?? '', /The first scan of Acme Tiny finished/);
    assert.ok(ready?.text.includes(`Open in Palisade: ${PUBLIC}/connections/${connection}`));

    const expected = await database.db
      .selectFrom('finding_workflow')
      .select(['id', 'title', 'severity', 'message'])
      .where('connection_id', '=', connection)
      .where('status', '=', 'open')
      .execute();
    const severe = expected.filter((f) => f.severity === 'critical' || f.severity === 'high');
    assert.equal(severe.length, 19);
    for (const f of severe) {
      assert.ok(findings?.text.includes(`${PUBLIC}/findings/${f.id}`), `the link of ${f.title}`);
      assert.ok(findings?.text.includes(f.message), `the message of ${f.title}`);
    }
    for (const f of expected.filter((e) => e.severity === 'medium' || e.severity === 'low')) {
      assert.ok(!findings?.text.includes(`${PUBLIC}/findings/${f.id}`), `no ${f.severity} finding is listed`);
    }
    // Most severe first, each with its severity, the first remediation step, and its link.
    assert.match(findings?.text ?? '', /^19 new or regressed findings/);
    assert.match(
      findings?.text ?? '',
      /- \[CRITICAL\] No space grants any permission to anonymous users — Public docs\n {2}PUBLIC grants read\/space to anonymous users; an anonymous visitor can read it right now\.\n {2}Fix: In the space, open Space settings → Permissions/,
    );
    assert.ok((findings?.text.indexOf('[CRITICAL]') ?? -1) < (findings?.text.indexOf('[HIGH]') ?? -1));
    assert.match(apps?.text ?? '', /- \[CRITICAL\] Forge Reporter \(Unknown Dev\)/);
    assert.match(apps?.text ?? '', /- \[CRITICAL\] Timesheets Pro \(Tiny Tools Ltd\)/);
    assert.ok(apps?.text.includes(`${PUBLIC}/apps/forge-reporter`));
    assert.ok(apps?.text.includes(`${PUBLIC}/apps/com.tiny.timesheets`));

    const status = (await getChannel(database.db, email.id)).status;
    assert.equal(status.lastError, null);
    assert.equal(status.pending, 0);
    assert.ok(status.lastDeliveredAt);
    // Delivered once: another pass sends nothing again.
    await w.notifier.runner.runOnce();
    assert.equal(w.smtp.mails.length, 3);
  },
  TIMEOUT,
);

forEachDatabase(
  'Slack gets the same events as mrkdwn with links, and a SIEM webhook gets JSON whose HMAC signature verifies',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    await w.channel({
      kind: 'slack',
      name: '#security',
      url: `${w.http.base}/slack/T000/B000/XXXX`,
      digest: false,
      minSeverity: 'high',
    });
    const hook = await w.channel({
      kind: 'webhook',
      name: 'SIEM',
      url: `${w.http.base}/siem`,
      digest: false,
      minSeverity: 'critical',
      events: ['findings.new', 'app.high_risk'],
    });
    await w.scan();
    const slack = w.posted('/slack/T000/B000/XXXX').map((r) => JSON.parse(r.body) as { text: string });
    assert.equal(slack.length, 3);
    assert.match(slack[0]?.text ?? '', /^\*Your domain is ready\* — Acme Tiny\n/);
    assert.match(
      slack[1]?.text ?? '',
      /^\*19 new or regressed findings \(5 critical, 14 high\)\* — Acme Tiny/,
    );
    assert.match(
      slack[1]?.text ?? '',
      new RegExp(`• \\[CRITICAL\\] <${PUBLIC}/findings/[\\w-]+\\|No space grants`),
    );
    assert.ok(slack[2]?.text.includes(`<${PUBLIC}/apps/forge-reporter|Forge Reporter (Unknown Dev)>`));

    const siem = w.posted('/siem');
    assert.equal(siem.length, 2);
    for (const r of siem) {
      const signature = r.headers['x-palisade-signature'];
      const timestamp = r.headers['x-palisade-timestamp'];
      assert.equal(typeof signature, 'string');
      assert.equal(
        verifyWebhook(
          hook.secret ?? '',
          { signature: String(signature), timestamp: String(timestamp) },
          r.body,
          w.f.clock.now(),
        ),
        true,
      );
      assert.equal(
        verifyWebhook(
          'whsec_not-the-secret',
          { signature: String(signature), timestamp: String(timestamp) },
          r.body,
          w.f.clock.now(),
        ),
        false,
      );
      assert.equal(
        verifyWebhook(
          hook.secret ?? '',
          { signature: String(signature), timestamp: String(timestamp) },
          `${r.body} `,
          w.f.clock.now(),
        ),
        false,
      );
    }
    const [findings] = eventsOf(siem[0]?.body ?? '{}');
    assert.equal(findings?.type, 'findings.new');
    assert.equal(findings?.connectionId, w.f.connectionId);
    // The SIEM's threshold is critical: only the five critical findings.
    assert.deepEqual(
      findings?.items.map((i) => i.severity),
      ['critical', 'critical', 'critical', 'critical', 'critical'],
    );
    assert.equal(findings?.title, '5 new or regressed findings (5 critical)');
    assert.equal(eventsOf(siem[1]?.body ?? '{}')[0]?.type, 'app.high_risk');
    assert.equal(JSON.parse(siem[0]?.body ?? '{}').id, siem[0]?.headers['x-palisade-delivery']);
  },
  TIMEOUT,
);

forEachDatabase(
  'people in digest mode get one e-mail per connection an hour, whatever the scans in between',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    const owner = await addPerson(database.db, BUILT, 'owner', { email: 'olga@acme.test' });
    await addPerson(database.db, BUILT, 'analyst', { email: 'ann@acme.test' });
    void owner;
    await w.scan();
    // Owners and admins get a digest by default, analysts nothing until they ask.
    assert.deepEqual(
      w.smtp.mails.map((m) => [m.to, m.subject]),
      [
        [
          ['olga@acme.test'],
          '[Palisade] Acme Tiny: 3 updates (Your domain is ready; 19 new or regressed findings (5 critical, 14 high); 2 new high-risk apps)',
        ],
      ],
    );
    const digest = w.smtp.mails[0]?.text ?? '';
    assert.match(digest, /^3 updates about Acme Tiny since the last message\.\n/);
    assert.match(digest, /Your domain is ready\n-+\n/);
    assert.match(digest, /19 new or regressed findings \(5 critical, 14 high\)\n-+\n/);
    assert.match(digest, /2 new high-risk apps\n-+\n/);

    // Ten minutes later an app asks for more: the digest waits for the hour.
    w.f.clock.advance(10 * 60_000);
    await w.f.control.send('PUT', '/tenant/apps/forge-reporter/scopes', {
      scopes: ['read:jira-work', 'manage:jira-configuration', 'write:jira-work'],
    });
    await w.scan();
    assert.equal(w.smtp.mails.length, 1);
    const waiting = await database.db.selectFrom('notification_digest_items').select('event').execute();
    assert.ok(waiting.length > 0);

    w.f.clock.advance(51 * 60_000);
    await w.notifier.runner.runOnce();
    assert.equal(w.smtp.mails.length, 2);
    const later = w.smtp.mails[1];
    assert.equal(later?.subject, '[Palisade] Acme Tiny: 1 app changed permissions');
    assert.match(later?.text ?? '', /- \[CRITICAL\] Forge Reporter\n {2}Permissions added write:jira-work/);
    assert.ok(later?.text.includes(`${PUBLIC}/apps/forge-reporter`));
  },
  TIMEOUT,
);

forEachDatabase(
  'nothing is lost while the SMTP server is down: the mail arrives once it is back, and the channel shows the error meanwhile',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    const email = await w.secOps({ digest: true, events: ['domain.ready'] });
    await w.smtp.stop();
    await w.scan();
    const down = await getChannel(database.db, email.id);
    assert.equal(down.status.pending, 1);
    assert.match(
      down.status.lastError ?? '',
      /the SMTP server 127\.0\.0\.1:\d+ refused or could not be reached: .*ECONNREFUSED/,
    );
    assert.equal(down.status.lastDeliveredAt, null);

    // The first retry is 30 seconds later; before that nothing is tried.
    await w.smtp.start();
    await w.notifier.runner.runOnce();
    assert.equal(w.smtp.mails.length, 0);
    w.f.clock.advance(31_000);
    const outcome = await w.notifier.runner.runOnce();
    assert.equal(outcome.delivered, 1);
    assert.deepEqual(
      w.smtp.mails.map((m) => m.subject),
      ['[Palisade] Acme Tiny: Your domain is ready'],
    );
    const up = await getChannel(database.db, email.id);
    assert.equal(up.status.pending, 0);
    assert.equal(up.status.lastError, null);
    assert.ok(up.status.lastDeliveredAt);
  },
  TIMEOUT,
);

forEachDatabase(
  'a webhook that keeps failing is retried with growing delays, and its last error names the host and status, never the URL',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    const hook = await w.channel({
      kind: 'webhook',
      name: 'SIEM',
      url: `${w.http.base}/siem?token=very-secret-query`,
      digest: true,
      events: ['domain.ready'],
    });
    w.http.answer = 503;
    await w.scan();
    const failing = await getChannel(database.db, hook.id);
    assert.equal(failing.status.lastError, `${w.http.host} answered HTTP 503`);
    assert.deepEqual(failing.url, { host: w.http.host, last4: 'uery' });
    const row = await database.db.selectFrom('notification_outbox').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(row.attempts), 1);
    assert.equal(Date.parse(row.next_attempt_at) - w.f.clock.now().getTime() <= 30_000, true);
    w.f.clock.advance(31_000);
    await w.notifier.runner.runOnce();
    const again = await database.db.selectFrom('notification_outbox').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(again.attempts), 2);
    // 30 s, then 60 s: the delay doubles.
    assert.ok(Date.parse(again.next_attempt_at) - w.f.clock.now().getTime() > 30_000);
    w.http.answer = 200;
    w.f.clock.advance(61_000);
    await w.notifier.runner.runOnce();
    assert.equal(w.posted('/siem?token=very-secret-query').length, 3);
    assert.equal((await getChannel(database.db, hook.id)).status.lastError, null);
    const stored = await database.db
      .selectFrom('notification_channels')
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes('very-secret-query'), 'the URL is stored sealed');
  },
  TIMEOUT,
);

import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { forEachDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { verifyWebhook } from '../../src/notify/webhook-signature.ts';
import { addPeople, type TestPerson } from '../../src/people/testing/people-fixtures.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { eventsOf, notifyWorld, PUBLIC } from './notify-world.ts';

// The routes a Settings page and the findings and apps pages use: channels (CRUD, masked URL, send
// a test), one's own preferences, and e-mailing an asset's owner.

const TIMEOUT = { timeout: 120_000 };

async function world(t: TestContext, database: TestDatabase) {
  const w = await notifyWorld(t, database);
  const server = await startTestServer(database, {
    now: w.f.clock.now(),
    settings: { publicUrl: PUBLIC, notify: w.settings },
  });
  t.after(() => server.app.close());
  server.deps.notifier = w.notifier;
  const people = await addPeople(database.db, w.f.clock.now());
  const call = async (who: TestPerson | null, method: string, url: string, payload?: unknown) => {
    const res = await server.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(who ? { authorization: who.bearer } : {}),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
    // light-my-request types a JSON answer loosely: the assertions below hold its shape.
    return { status: res.statusCode, body: res.body ? res.json() : {} };
  };
  return { w, server, people, call };
}

forEachDatabase(
  'owners and admins manage channels: a webhook URL is shown masked, its secret once, a host not allowed is refused',
  async (t, database) => {
    const { w, people, call } = await world(t, database);
    const created = await call(people.admin, 'POST', '/api/v1/notification-channels', {
      kind: 'webhook',
      name: 'SIEM',
      url: `${w.http.base}/siem/hook-abcd`,
      minSeverity: 'critical',
      digest: false,
    });
    assert.equal(created.status, 201);
    const channel = created.body.channel;
    assert.match(created.body.secret, /^whsec_[\w-]{32}$/);
    assert.deepEqual(channel.url, { host: w.http.host, last4: 'abcd' });
    assert.equal(JSON.stringify(created.body).includes('/siem/hook-abcd'), false);
    assert.equal(channel.minSeverity, 'critical');
    assert.equal(channel.digest, false);
    assert.deepEqual(channel.status, {
      lastDeliveredAt: null,
      lastError: null,
      lastErrorAt: null,
      pending: 0,
    });

    const list = await call(people.owner, 'GET', '/api/v1/notification-channels');
    assert.equal(list.status, 200);
    assert.equal(list.body.emailConfigured, true);
    assert.deepEqual(list.body.allowedHosts, ['hooks.slack.com', '127.0.0.1']);
    assert.deepEqual(
      list.body.items.map((c: { id: string }) => c.id),
      [channel.id],
    );
    assert.equal(JSON.stringify(list.body).includes('hook-abcd'), false);
    assert.equal(JSON.stringify(list.body).includes(created.body.secret), false);

    const patched = await call(people.admin, 'PATCH', `/api/v1/notification-channels/${channel.id}`, {
      name: 'Splunk',
      events: ['findings.new'],
      enabled: false,
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.name, 'Splunk');
    assert.deepEqual(patched.body.events, ['findings.new']);
    assert.equal(patched.body.enabled, false);

    const elsewhere = await call(people.admin, 'POST', '/api/v1/notification-channels', {
      kind: 'slack',
      name: 'Elsewhere',
      url: 'https://intranet.acme.test/hook',
    });
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.body.error.code, 'host_not_allowed');
    assert.match(
      elsewhere.body.error.message,
      /intranet\.acme\.test is not an allowed notification host.*PALISADE_NOTIFY_ALLOW_HOSTS/,
    );
    const slack = await call(people.admin, 'POST', '/api/v1/notification-channels', {
      kind: 'slack',
      name: '#security',
      url: 'https://hooks.slack.com/services/T000/B000/abcdefgh',
    });
    assert.equal(slack.status, 201);
    assert.deepEqual(slack.body.channel.url, { host: 'hooks.slack.com', last4: 'efgh' });
    assert.equal(slack.body.secret, null);
    const noRecipients = await call(people.admin, 'POST', '/api/v1/notification-channels', {
      kind: 'email',
      name: 'Nobody',
    });
    assert.equal(noRecipients.status, 400);
    assert.equal(noRecipients.body.error.code, 'invalid_channel');

    assert.equal((await call(people.analyst, 'GET', '/api/v1/notification-channels')).status, 403);
    assert.equal(
      (await call(people.analyst, 'POST', `/api/v1/notification-channels/${channel.id}/test`)).status,
      403,
    );

    assert.equal(
      (await call(people.owner, 'DELETE', `/api/v1/notification-channels/${channel.id}`)).status,
      204,
    );
    const gone = await call(people.owner, 'GET', `/api/v1/notification-channels/${channel.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'channel_not_found');
    const audit = await database.db.selectFrom('audit_log').select('action').orderBy('at').execute();
    assert.deepEqual(
      audit.map((a) => a.action).filter((a) => a.startsWith('notification-channel.')),
      [
        'notification-channel.create',
        'notification-channel.update',
        'notification-channel.create',
        'notification-channel.delete',
      ],
    );
  },
  TIMEOUT,
);

forEachDatabase(
  '"send a test" delivers at once: a signed webhook, an e-mail; a failure answers its reason and shows on the channel',
  async (t, database) => {
    const { w, people, call } = await world(t, database);
    const hook = await call(people.admin, 'POST', '/api/v1/notification-channels', {
      kind: 'webhook',
      name: 'SIEM',
      url: `${w.http.base}/siem`,
    });
    const sent = await call(
      people.admin,
      'POST',
      `/api/v1/notification-channels/${hook.body.channel.id}/test`,
    );
    assert.equal(sent.status, 200);
    assert.equal(sent.body.delivered, true);
    assert.equal(sent.body.error, null);
    const [received] = w.posted('/siem');
    assert.ok(received);
    assert.equal(
      verifyWebhook(
        hook.body.secret,
        {
          signature: String(received.headers['x-palisade-signature']),
          timestamp: String(received.headers['x-palisade-timestamp']),
        },
        received.body,
        w.f.clock.now(),
      ),
      true,
    );
    assert.equal(eventsOf(received.body)[0]?.type, 'channel.test');
    assert.equal(eventsOf(received.body)[0]?.title, 'Test message for SIEM');

    w.http.answer = 500;
    const failed = await call(
      people.admin,
      'POST',
      `/api/v1/notification-channels/${hook.body.channel.id}/test`,
    );
    assert.equal(failed.status, 200);
    assert.equal(failed.body.delivered, false);
    assert.equal(failed.body.error, `${w.http.host} answered HTTP 500`);
    const shown = await call(people.admin, 'GET', `/api/v1/notification-channels/${hook.body.channel.id}`);
    assert.equal(shown.body.status.lastError, `${w.http.host} answered HTTP 500`);
    assert.ok(shown.body.status.lastDeliveredAt);

    const email = await call(people.admin, 'POST', '/api/v1/notification-channels', {
      kind: 'email',
      name: 'SecOps',
      recipients: ['SecOps@Acme.test', 'ciso@acme.test'],
    });
    assert.deepEqual(email.body.channel.recipients, ['secops@acme.test', 'ciso@acme.test']);
    const mailed = await call(
      people.admin,
      'POST',
      `/api/v1/notification-channels/${email.body.channel.id}/test`,
    );
    assert.equal(mailed.body.delivered, true);
    assert.deepEqual(
      w.smtp.mails.map((m) => [m.to, m.subject]),
      [[['secops@acme.test', 'ciso@acme.test'], '[Palisade] Palisade: Test message for SecOps']],
    );
    assert.match(w.smtp.mails[0]?.text ?? '', /This is a test from Palisade: the channel works\./);
  },
  TIMEOUT,
);

forEachDatabase(
  'each person chooses what reaches their e-mail; owners and admins start with a digest of high and above',
  async (t, database) => {
    const { people, call } = await world(t, database);
    const owner = await call(people.owner, 'GET', '/api/v1/notification-preferences');
    assert.equal(owner.status, 200);
    assert.equal(owner.body.enabled, true);
    assert.equal(owner.body.digest, true);
    assert.equal(owner.body.minSeverity, 'high');
    assert.equal(owner.body.saved, false);
    assert.equal(owner.body.email, people.owner.email);
    assert.equal(owner.body.emailConfigured, true);
    assert.equal(owner.body.events.length, 8);
    const analyst = await call(people.analyst, 'GET', '/api/v1/notification-preferences');
    assert.equal(analyst.body.enabled, false);

    const saved = await call(people.analyst, 'PUT', '/api/v1/notification-preferences', {
      enabled: true,
      events: ['findings.new', 'domain.ready'],
      minSeverity: 'critical',
      digest: false,
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(
      { ...saved.body, email: undefined },
      {
        enabled: true,
        events: ['findings.new', 'domain.ready'],
        minSeverity: 'critical',
        digest: false,
        saved: true,
        email: undefined,
        emailConfigured: true,
      },
    );
    const bad = await call(people.analyst, 'PUT', '/api/v1/notification-preferences', {
      events: ['everything'],
    });
    assert.equal(bad.status, 400);
    assert.equal(
      (await call(people.analyst, 'GET', '/api/v1/notification-preferences')).body.minSeverity,
      'critical',
    );
    assert.equal((await call(null, 'GET', '/api/v1/notification-preferences')).status, 401);
    const events = await call(people.viewer, 'GET', '/api/v1/notification-events');
    assert.equal(events.body.items.length, 8);
    assert.deepEqual(events.body.items[0], {
      type: 'domain.ready',
      description: "A connection's first scan finished: its domain is ready",
    });
  },
  TIMEOUT,
);

forEachDatabase(
  "e-mailing a finding's or an app's owner sends the templated remediation, replies going to the sender, audit-logged",
  async (t, database) => {
    const { w, server, people, call } = await world(t, database);
    await w.scan();
    const finding = await database.db
      .selectFrom('finding_workflow')
      .selectAll()
      .where('rule_id', '=', 'jira_no_public_filters')
      .executeTakeFirst();
    const target =
      finding ??
      (await database.db
        .selectFrom('finding_workflow')
        .selectAll()
        .where('severity', '=', 'high')
        .orderBy('id')
        .executeTakeFirstOrThrow());
    const url = `/api/v1/findings/${target.id}/email-owner`;
    assert.equal((await call(people.viewer, 'POST', url, { to: 'mo@acme.test' })).status, 403);
    const unknown = await call(people.analyst, 'POST', url, {});
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'owner_unknown');
    const queued = await call(people.analyst, 'POST', url, {
      to: 'mo@acme.test',
      note: 'Please fix this by Friday.',
    });
    assert.equal(queued.status, 202);
    assert.equal(queued.body.to, 'mo@acme.test');
    const resource = target.resource_name ?? target.resource_id;
    assert.equal(queued.body.subject, `[Palisade] Action needed: ${target.title} — ${resource}`);
    await w.notifier.runner.runOnce();
    const mail = w.smtp.mails.find((m) => m.to.includes('mo@acme.test'));
    assert.ok(mail);
    assert.equal(mail.subject, queued.body.subject);
    assert.match(mail.replyTo ?? '', /analyst@example\.com/);
    assert.match(mail.text, /^Hello,\n\nAnalyst .*\(analyst@example\.com\) asks you, as the owner of /);
    assert.match(mail.text, /\nPlease fix this by Friday\.\n/);
    assert.ok(mail.text.includes(`What Palisade saw: ${target.message}`));
    assert.match(mail.text, /\nHow to fix it in the admin UI:\n1\. /);
    assert.ok(mail.text.includes(`The finding in Palisade: ${PUBLIC}/findings/${target.id}`));

    const app = await call(people.analyst, 'POST', '/api/v1/apps/com.tiny.timesheets/email-owner', {
      to: 'mo@acme.test',
    });
    assert.equal(app.status, 202);
    assert.equal(app.body.subject, '[Palisade] Please review the app Timesheets Pro');
    const noAddress = await call(people.analyst, 'POST', '/api/v1/apps/com.tiny.timesheets/email-owner', {});
    assert.equal(noAddress.status, 400);
    assert.match(noAddress.body.error.message, /installer \(Mo Member\)/);
    const missing = await call(people.analyst, 'POST', '/api/v1/apps/com.nope/email-owner', {
      to: 'mo@acme.test',
    });
    assert.equal(missing.status, 404);
    await w.notifier.runner.runOnce();
    const appMail = w.smtp.mails.find((m) => m.subject === '[Palisade] Please review the app Timesheets Pro');
    assert.ok(appMail);
    assert.match(appMail.text, /Risk: critical \(score 100 of 100\)/);
    assert.match(appMail.text, /Permissions \(scopes\): .*ACT_AS_USER/);
    assert.match(appMail.text, /installed by Mo Member/);
    assert.ok(appMail.text.includes(`The app in Palisade: ${PUBLIC}/apps/com.tiny.timesheets`));

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subject'])
      .where('action', 'in', ['finding.email-owner', 'app.email-owner'])
      .orderBy('at')
      .execute();
    assert.deepEqual(
      audit.map((a) => ({ ...a })),
      [
        { action: 'finding.email-owner', subject: `finding:${target.id}` },
        { action: 'app.email-owner', subject: 'app:com.tiny.timesheets' },
      ],
    );

    server.deps.settings.notify = { allowHosts: [] };
    const off = await call(people.analyst, 'POST', url, { to: 'mo@acme.test' });
    assert.equal(off.status, 409);
    assert.equal(off.body.error.code, 'smtp_not_configured');
  },
  TIMEOUT,
);

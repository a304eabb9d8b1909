import assert from 'node:assert/strict';
import { putBan } from '../../src/app-risk/actions/bans.ts';
import { saveCredential } from '../../src/connections/credentials/credential-store.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { notifyWorld, PUBLIC } from './notify-world.ts';

// The other events, each as the e-mail a person reads: a revoked credential, a failed scan, a
// banned app that came back, an API token Palisade scans with about to expire.

const TIMEOUT = { timeout: 120_000 };
const DAY = 86_400_000;

forEachDatabase(
  'a scan whose credential Atlassian revoked e-mails that the connection needs reconnecting, with the reason and its link',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    await w.secOps();
    await w.f.control.faults({
      rules: [{ endpoints: ['jira.*', 'confluence.*', 'upm.*'], revokeAfterCalls: 12 }],
    });
    await w.scan();
    const [mail] = w.smtp.mails;
    assert.equal(w.smtp.mails.length, 1);
    assert.equal(mail?.subject, '[Palisade] Acme Tiny: The connection needs reconnecting');
    assert.match(
      mail?.text ?? '',
      /^The connection needs reconnecting\n-+\nAcme Tiny can no longer be scanned: .*the site credential \(e-mail and API token\) was refused .*401: revoked or expired.*\. Open the connection and choose Reconnect/,
    );
    assert.ok(mail?.text.includes(`Open in Palisade: ${PUBLIC}/connections/${w.f.connectionId}`));
    assert.doesNotMatch(mail?.text ?? '', /ATATT/);
  },
  TIMEOUT,
);

forEachDatabase(
  'a scan that failed for another reason e-mails the reason and that Palisade tries again',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    await w.secOps();
    await w.notifier.afterScan({
      scanId: 'scan-1',
      connectionId: w.f.connectionId,
      status: 'error',
      reason: 'Atlassian answered 503 for every page of jira.projects',
      snapshotVersion: null,
      errorCode: 'server_error',
    });
    await w.notifier.runner.runOnce();
    assert.deepEqual(
      w.smtp.mails.map((m) => [m.subject, m.text.split('\n').slice(0, 5).join('\n')]),
      [
        [
          '[Palisade] Acme Tiny: A scan failed',
          [
            'A scan failed',
            '-------------',
            'The scan of Acme Tiny failed: Atlassian answered 503 for every page of jira.projects. Palisade tries again at the next scheduled scan; open the connection to scan now.',
            '',
            `Open in Palisade: ${PUBLIC}/connections/${w.f.connectionId}`,
          ].join('\n'),
        ],
      ],
    );
  },
  TIMEOUT,
);

forEachDatabase(
  'an API token Palisade scans with that expires within 14 days is told once, not at every scan',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    await w.secOps({ events: ['credential.expiring'] });
    await w.scan();
    // The scoped token expires 20 days after the tenant was built: not yet within 14 days.
    assert.equal(w.smtp.mails.length, 0);
    w.f.clock.advance(7 * DAY);
    await w.scan();
    assert.equal(w.smtp.mails.length, 1);
    const [mail] = w.smtp.mails;
    assert.equal(mail?.subject, '[Palisade] Acme Tiny: 1 credential Palisade uses expires within 14 days');
    assert.match(
      mail?.text ?? '',
      /- API token palisade \(scoped\)\n {2}Palisade scans Acme Tiny with this token; it expires in 12 days, on 2026-11-21\. Create a replacement and update the connection \(Edit → API Key\), or scans stop that day\./,
    );
    w.f.clock.advance(DAY);
    await w.scan();
    assert.equal(w.smtp.mails.length, 1);
  },
  TIMEOUT,
);

forEachDatabase(
  'a banned app installed again is removed by the next scan and e-mailed with what enforcement did and who banned it',
  async (t, database) => {
    const w = await notifyWorld(t, database);
    await w.secOps({ events: ['app.ban_reinstalled'] });
    await w.scan();
    assert.equal(w.smtp.mails.length, 0);
    // The write consent (a site admin's token, used for app actions only) and the ban.
    const { admin } = w.f.sim.info.credentials;
    await saveCredential(database.db, w.f.secretBox, {
      connectionId: w.f.connectionId,
      purpose: 'write',
      bundle: { method: 'api-token', adminEmail: admin.email, apiToken: admin.apiToken },
      by: null,
      now: w.f.clock.now(),
    });
    await putBan(database.db, {
      connectionId: w.f.connectionId,
      appKey: 'com.tiny.timesheets',
      reason: 'acts as any user, installed without review',
      actor: { id: 'u-olga', name: 'Olga Owner' },
      bannedAt: w.f.clock.now().toISOString(),
    });
    w.f.clock.advance(60_000);
    await w.scan();
    const installed = await w.f.control.send<{ appKey: string }[]>('GET', '/tenant/installations');
    assert.equal(
      installed.some((i) => i.appKey === 'com.tiny.timesheets'),
      false,
      'the scan uninstalled the banned app',
    );
    assert.equal(w.smtp.mails.length, 1);
    const [mail] = w.smtp.mails;
    assert.equal(mail?.subject, '[Palisade] Acme Tiny: 1 banned app reinstalled');
    assert.match(
      mail?.text ?? '',
      /- \[HIGH\] Timesheets Pro on https?:\/\/[^ ]+ \(jira\)\n {2}.*Banned by Olga Owner: acts as any user, installed without review\n/,
    );
    assert.ok(mail?.text.includes(`${PUBLIC}/apps/com.tiny.timesheets`));

    // Someone installs it again: the next scan removes it again and tells again.
    await w.f.control.send('POST', '/tenant/apps/install', {
      appKey: 'com.tiny.timesheets',
      site: 'acme-labs',
      product: 'jira',
      installedBy: 'mo@acme.example',
      userInstalled: true,
    });
    w.f.clock.advance(60_000);
    await w.scan();
    const after = await w.f.control.send<{ appKey: string }[]>('GET', '/tenant/installations');
    assert.equal(
      after.some((i) => i.appKey === 'com.tiny.timesheets'),
      false,
    );
    assert.equal(w.smtp.mails.length, 2);
    assert.match(
      w.smtp.mails[1]?.text ?? '',
      /- \[HIGH\] Timesheets Pro on http\S+ \(jira\)\n {2}Banned app Timesheets Pro \(com\.tiny\.timesheets\) reappeared on http\S+ \(jira\) in snapshot 3: uninstalled again\. Banned by Olga Owner: acts as any user, installed without review\n/,
    );
  },
  TIMEOUT,
);

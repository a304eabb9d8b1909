import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ActionNotPermittedError,
  type Actor,
  APPS_REVOKE,
  enforceBans,
  formatActionOutcome,
  formatBanAlert,
  listActionLog,
  listBanAlerts,
  listBans,
  runAppAction,
  WriteConsentRequiredError,
} from '../../src/app-risk/actions/index.ts';
import type { Credentials } from '../../src/atlassian/credentials.ts';
import { listAudit } from '../../src/audit/audit-log.ts';
import {
  openTestDatabase,
  POSTGRES_SKIP_MESSAGE,
  type TestDatabase,
  testPostgresUrl,
} from '../../src/db/testing/test-database.ts';
import { syncConnection } from '../../src/sync/sync-connection.ts';
import { startSimulatedOrg } from './simulated-org.ts';

// Revoke and ban against the demo tenant, end to end: a ban uninstalls the app through UPM (the
// simulator's counters see the DELETE, its installations lose the app); the app reinstalled
// through the control API comes back in the next sync, and enforceBans uninstalls it again and
// raises an alert. Actions without write consent or the right fail clearly and write nothing;
// a dry run calls nothing; a Forge app's uninstall is a list of manual steps. On both databases.

const BANNED = 'io.fastsync.jira-sync'; // Connect, unlisted vendor, ADMIN + ACT_AS_USER, on acme Jira
const CONNECT = 'com.harbortools.admin-toolkit'; // Connect, on acme Jira
const FORGE = 'com.greenleaf.ai-assistant'; // Forge, on acme Jira

const REVOKER: Actor = { id: 'u-riley', name: 'Riley Chen', rights: [APPS_REVOKE] };
const VIEWER: Actor = { id: 'u-dana', name: 'Dana Ops', rights: ['findings:read'] };

interface WriteRecord {
  endpointId: string;
  method: string;
  url: string;
  status: number;
}
interface Counters {
  totalCalls: number;
  statuses: Record<string, Record<string, number>>;
  writes: WriteRecord[];
}
interface SimInstallation {
  appKey: string;
  siteId: string;
  product: string;
}

const org = await startSimulatedOrg({ scenario: 'demo' });
after(() => org.stop());

const acmeSite = org.sim.info.sites.find((s) => s.name === 'acme');
if (!acmeSite) throw new Error('the demo has no acme site');
const acme = acmeSite;
const admin = org.sim.info.credentials.admin;
const member = org.sim.info.credentials.member;
// The write consent: the admin's API token, given separately from the connection's read credential.
const adminWrite: Credentials = { site: { kind: 'basic', email: admin.email, apiToken: admin.apiToken } };
const memberWrite: Credentials = { site: { kind: 'basic', email: member.email, apiToken: member.apiToken } };

const counters = () => org.control.send<Counters>('GET', '/counters');
const installedOnAcme = async (appKey: string) =>
  (await org.control.send<SimInstallation[]>('GET', '/tenant/installations')).some(
    (i) => i.appKey === appKey && i.siteId === acme.cloudId && i.product === 'jira',
  );

function suite(dialect: 'sqlite' | 'postgres') {
  const skip = dialect === 'postgres' && !testPostgresUrl() ? POSTGRES_SKIP_MESSAGE : false;
  describe(`app actions on the demo tenant (${dialect})`, { skip, timeout: 60_000 }, () => {
    let database: TestDatabase;
    const db = () => database.db;
    const connectionId = org.sync.connection.id;
    const sync = () =>
      syncConnection({
        db: db(),
        connection: org.sync.connection,
        allowHosts: org.sync.allowHosts,
        baseUrls: org.sync.baseUrls,
      });
    const actionDeps = (actor: Actor, writeCredentials?: Credentials) => ({
      db: db(),
      connection: { id: connectionId, writeCredentials },
      actor,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
    });

    before(async () => {
      await org.control.reset();
      database = await openTestDatabase(dialect);
      const first = await sync();
      assert.equal(first.status, 'success');
      await org.control.resetCounters();
    });
    after(() => database?.close());

    test('an action without write consent fails with a clear error and the simulator sees no call', async () => {
      await org.control.resetCounters();
      await assert.rejects(
        runAppAction(actionDeps(REVOKER), { action: 'uninstall', appKey: CONNECT }),
        (error: unknown) =>
          error instanceof WriteConsentRequiredError &&
          error.code === 'write_consent_required' &&
          /no write consent/.test(error.message),
      );
      await assert.rejects(
        runAppAction(actionDeps(REVOKER), { action: 'ban', appKey: CONNECT, reason: 'admin scope' }),
        WriteConsentRequiredError,
      );
      const c = await counters();
      assert.deepEqual([c.totalCalls, c.writes], [0, []]);
      assert.equal(await installedOnAcme(CONNECT), true);
      assert.deepEqual(await listBans(db(), connectionId), []);
    });

    test('an actor without apps:revoke is refused, the right named, and the simulator sees no call', async () => {
      await org.control.resetCounters();
      await assert.rejects(
        runAppAction(actionDeps(VIEWER, adminWrite), { action: 'disable', appKey: CONNECT }),
        (error: unknown) => error instanceof ActionNotPermittedError && error.missingRight === 'apps:revoke',
      );
      const c = await counters();
      assert.deepEqual([c.totalCalls, c.writes], [0, []]);
      const refused = await listActionLog(db(), connectionId, { appKey: CONNECT });
      assert.ok(refused.length >= 3 && refused.every((e) => e.result === 'refused'));
    });

    test('a dry run shows the UPM request on the site and makes no call', async () => {
      await org.control.resetCounters();
      const outcome = await runAppAction(actionDeps(REVOKER, adminWrite), {
        action: 'uninstall',
        appKey: CONNECT,
        dryRun: true,
      });
      assert.deepEqual(
        outcome.steps.map((s) => [s.result, s.request?.method, s.request?.url]),
        [['planned', 'DELETE', `${acme.url}/rest/plugins/1.0/${CONNECT}-key`]],
      );
      assert.match(formatActionOutcome(outcome), /^Dry run: uninstall com\.harbortools\.admin-toolkit/);
      assert.equal((await counters()).totalCalls, 0);
      assert.equal(await installedOnAcme(CONNECT), true);
    });

    test('uninstalling a Forge app gives the admin.atlassian.com steps and calls nothing', async () => {
      await org.control.resetCounters();
      const outcome = await runAppAction(actionDeps(REVOKER, adminWrite), {
        action: 'uninstall',
        appKey: FORGE,
      });
      assert.equal(outcome.result, 'manual_required');
      const manual = outcome.steps[0]?.manual;
      assert.match(manual?.reason ?? '', /no API to uninstall a Forge app/);
      assert.ok(manual?.steps.some((s) => s.includes('admin.atlassian.com')));
      assert.ok(manual?.steps.some((s) => s.includes(new URL(acme.url).host)));
      assert.equal((await counters()).totalCalls, 0);
      assert.equal(await installedOnAcme(FORGE), true);
    });

    test('a write credential that is not a site admin gets UPM’s 401 as a clear error, and nothing is removed', async () => {
      await org.control.resetCounters();
      const outcome = await runAppAction(actionDeps(REVOKER, memberWrite), {
        action: 'uninstall',
        appKey: CONNECT,
      });
      assert.equal(outcome.result, 'failed');
      assert.equal(outcome.steps[0]?.error?.code, 'not_site_admin');
      assert.match(outcome.steps[0]?.error?.message ?? '', /not a site admin of/);
      const c = await counters();
      assert.deepEqual(c.writes, []);
      // UPM refuses with 401; one canary call shows the token itself works.
      assert.deepEqual(c.statuses['upm.jira.delete'], { '401': 1 });
      assert.deepEqual(c.statuses['jira.myself.get'], { '200': 1 });
      assert.equal(await installedOnAcme(CONNECT), true);
    });

    test('a ban uninstalls the app; reinstalled, the next sync sees it and enforceBans uninstalls it again with an alert', async () => {
      // Ban: the deny-list entry, then UPM's DELETE on the one site that has the app.
      await org.control.resetCounters();
      const banned = await runAppAction(actionDeps(REVOKER, adminWrite), {
        action: 'ban',
        appKey: BANNED,
        reason: 'unlisted vendor with ADMIN and ACT_AS_USER',
      });
      assert.equal(banned.result, 'succeeded', formatActionOutcome(banned));
      let c = await counters();
      assert.deepEqual(
        c.writes.map((w) => [w.endpointId, w.method, w.status, w.url]),
        [['upm.jira.delete', 'DELETE', 204, `/rest/plugins/1.0/${BANNED}-key`]],
      );
      assert.equal(await installedOnAcme(BANNED), false);
      assert.deepEqual(
        (await listBans(db(), connectionId)).map((b) => [b.appKey, b.actor.name]),
        [[BANNED, 'Riley Chen']],
      );

      // Someone installs it again.
      await org.control.send('POST', '/tenant/apps/install', {
        appKey: BANNED,
        site: 'acme',
        product: 'jira',
        installedBy: member.email,
        userInstalled: true,
      });
      assert.equal(await installedOnAcme(BANNED), true);

      // The next sync sees it; enforcement removes it and alerts.
      const next = await sync();
      assert.equal(next.status, 'success');
      await org.control.resetCounters();
      const enforced = await enforceBans({
        db: db(),
        connection: { id: connectionId, writeCredentials: adminWrite },
        allowHosts: org.sync.allowHosts,
        baseUrls: org.sync.baseUrls,
        snapshotVersion: next.snapshotVersion,
      });
      c = await counters();
      assert.deepEqual(
        c.writes.map((w) => [w.endpointId, w.method, w.status]),
        [['upm.jira.delete', 'DELETE', 204]],
      );
      assert.equal(await installedOnAcme(BANNED), false);
      assert.deepEqual(
        enforced.alerts.map((a) => [a.appKey, a.site.url, a.product, a.result, a.snapshotVersion]),
        [[BANNED, acme.url, 'jira', 'uninstalled', next.snapshotVersion]],
      );
      const alert = enforced.alerts[0]!;
      assert.match(
        formatBanAlert(alert),
        /FastSync for Jira \(io\.fastsync\.jira-sync\) reappeared .* uninstalled again/,
      );
      assert.match(formatBanAlert(alert), /banned by Riley Chen: unlisted vendor with ADMIN and ACT_AS_USER/);
      assert.deepEqual(
        (await listBanAlerts(db(), connectionId)).map((a) => a.id),
        [alert.id],
      );

      // Recorded in the action log and the audit log, with actor, time and result.
      const log = await listActionLog(db(), connectionId, { appKey: BANNED });
      assert.deepEqual(log.map((e) => [e.action, e.actor.id, e.result]).sort(), [
        ['ban', 'u-riley', 'succeeded'],
        ['ban', 'u-riley', 'succeeded'],
        ['enforce-ban', 'system:ban-enforcement', 'succeeded'],
      ]);
      const audit = await listAudit(db(), { connectionId, subject: `app:${BANNED}` });
      assert.deepEqual(audit.map((a) => a.action).sort(), ['app.ban', 'app.ban', 'app.enforce-ban']);
      assert.ok(!JSON.stringify([log, audit]).includes(admin.apiToken), 'no credential in the logs');

      // Enforcing the same snapshot again neither calls nor alerts.
      await org.control.resetCounters();
      const again = await enforceBans({
        db: db(),
        connection: { id: connectionId, writeCredentials: adminWrite },
        allowHosts: org.sync.allowHosts,
        baseUrls: org.sync.baseUrls,
        snapshotVersion: next.snapshotVersion,
      });
      assert.deepEqual([again.alerts.length, (await counters()).totalCalls], [0, 0]);
    });
  });
}

suite('sqlite');
suite('postgres');

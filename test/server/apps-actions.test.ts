import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { listActionLog, listBans } from '../../src/app-risk/actions/index.ts';
import { listAudit } from '../../src/audit/audit-log.ts';
import { forEachDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { CONNECT, FORGE, RISKY, type SimInstallation, startAppsWorld } from './apps-fixture.ts';

// POST /api/v1/apps/{key}/actions against the simulated demo organization: refused without the
// apps:revoke right (403) or the connection's write consent (409), with nothing sent; a dry run
// sends nothing; an uninstall changes the simulator's tenant; a Forge app gets the manual steps;
// a ban uninstalls, and the app reinstalled through the control API is removed again by the next
// scan (the server's scan path) with a ban alert.

interface Counters {
  totalCalls: number;
  writes: { endpointId: string; method: string; url: string; status: number }[];
}

const counters = (world: Awaited<ReturnType<typeof startAppsWorld>>) =>
  world.control.send<Counters>('GET', '/counters');
const has = (installs: SimInstallation[], appKey: string, siteId: string) =>
  installs.some((i) => i.appKey === appKey && i.siteId === siteId && i.product === 'jira');

/** The demo scanned once, the write consent granted, and the acme site; `act` posts as the revoker. */
async function consentedWorld(t: TestContext, database: TestDatabase) {
  const world = await startAppsWorld(t, database);
  await world.scan();
  await world.grantWriteConsent();
  const acme = world.sites.find((s) => s.name === 'acme');
  assert.ok(acme);
  const act = (key: string, body: Record<string, unknown>) =>
    world.call(world.people.revoker, 'POST', `/api/v1/apps/${key}/actions`, {
      connectionId: world.connectionId,
      ...body,
    });
  return { world, acme, act };
}

forEachDatabase(
  'an action without the apps:revoke right answers 403 and without write consent 409, and nothing reaches the simulator',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    await world.scan();
    await world.control.resetCounters();
    const before = await world.installations();
    const body = { action: 'uninstall', connectionId: world.connectionId };

    for (const who of [world.people.owner, world.people.admin, world.people.analyst]) {
      const refused = await world.call(who, 'POST', `/api/v1/apps/${CONNECT}/actions`, body);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().error.code, 'right_required');
    }

    for (const action of ['uninstall', 'disable']) {
      const noConsent = await world.call(world.people.revoker, 'POST', `/api/v1/apps/${CONNECT}/actions`, {
        action,
        connectionId: world.connectionId,
      });
      assert.equal(noConsent.statusCode, 409, noConsent.body);
      assert.equal(noConsent.json().error.code, 'write_consent_required');
      assert.match(noConsent.json().error.message, /no write consent/);
    }
    const dryRun = await world.call(world.people.revoker, 'POST', `/api/v1/apps/${RISKY}/actions`, {
      action: 'ban',
      reason: 'unlisted vendor',
      connectionId: world.connectionId,
      dryRun: true,
    });
    assert.equal(dryRun.statusCode, 409, 'a dry run meets the same refusal');

    const c = await counters(world);
    assert.deepEqual([c.totalCalls, c.writes], [0, []]);
    assert.deepEqual(await world.installations(), before);
    assert.deepEqual(await listBans(database.db, world.connectionId), []);
    // The refusals are in the action log (not the dry run's: a dry run records nothing).
    const log = await listActionLog(database.db, world.connectionId, { appKey: CONNECT });
    assert.deepEqual(log.map((e) => [e.action, e.result, e.error?.code]).sort(), [
      ['disable', 'refused', 'write_consent_required'],
      ['uninstall', 'refused', 'write_consent_required'],
    ]);
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'with write consent a dry run sends nothing, an uninstall removes the app from the tenant, and a Forge app gets the admin.atlassian.com steps',
  async (t, database) => {
    const { world, acme, act } = await consentedWorld(t, database);

    await world.control.resetCounters();
    const before = await world.installations();
    const dry = await act(CONNECT, { action: 'uninstall', dryRun: true });
    assert.equal(dry.statusCode, 200, dry.body);
    const planned = dry.json().outcome;
    assert.deepEqual([planned.result, planned.dryRun], ['dry_run', true]);
    assert.deepEqual(
      planned.steps.map((s: { result: string; request: { method: string; url: string } }) => [
        s.result,
        s.request.method,
        s.request.url,
      ]),
      [['planned', 'DELETE', `${acme.url}/rest/plugins/1.0/${CONNECT}-key`]],
    );
    assert.match(planned.summary, /^Dry run: uninstall/);
    assert.deepEqual((await counters(world)).totalCalls, 0);
    assert.deepEqual(await world.installations(), before, "the simulator's state is unchanged");

    const done = await act(CONNECT, { action: 'uninstall' });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().outcome.result, 'succeeded');
    assert.deepEqual(
      (await counters(world)).writes.map((w) => [w.endpointId, w.method, w.status]),
      [['upm.jira.delete', 'DELETE', 204]],
    );
    assert.equal(has(before, CONNECT, acme.cloudId), true);
    assert.equal(has(await world.installations(), CONNECT, acme.cloudId), false);

    await world.control.resetCounters();
    const forge = await act(FORGE, { action: 'uninstall' });
    assert.equal(forge.statusCode, 200, forge.body);
    const manual = forge.json().outcome;
    assert.equal(manual.result, 'manual_required');
    assert.match(manual.steps[0].manual.reason, /no API to uninstall a Forge app/);
    assert.ok(manual.steps[0].manual.steps.some((s: string) => s.includes('admin.atlassian.com')));
    assert.equal((await counters(world)).totalCalls, 0);
    assert.equal(has(await world.installations(), FORGE, acme.cloudId), true);

    const block = await act('user-installed', { action: 'block-user-installed-apps' });
    assert.equal(block.statusCode, 200, block.body);
    assert.equal(block.json().outcome.result, 'manual_required');
    assert.ok(
      block.json().outcome.steps.every((s: { manual: { steps: string[] } }) => s.manual.steps.length > 0),
    );

    const audit = await listAudit(database.db, { connectionId: world.connectionId, action: 'app.action' });
    assert.deepEqual(
      audit.map((e) => [e.subject, e.details.action, e.details.dryRun, e.details.result]).sort(),
      [
        [`app:${FORGE}`, 'uninstall', false, 'manual_required'],
        [`app:${CONNECT}`, 'uninstall', false, 'succeeded'],
        [`app:${CONNECT}`, 'uninstall', true, 'dry_run'],
        [`connection:${world.connectionId}`, 'block-user-installed-apps', false, 'manual_required'],
      ],
    );
    assert.ok(!JSON.stringify(audit).includes(world.admin.apiToken), 'no credential in the audit log');
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'a ban uninstalls the app; reinstalled through the control API, the server’s next scan removes it again and records a ban alert',
  async (t, database) => {
    const { world, acme, act } = await consentedWorld(t, database);
    const noReason = await act(RISKY, { action: 'ban' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().error.message, /reason/);

    const banned = await act(RISKY, { action: 'ban', reason: 'unlisted vendor with ADMIN and ACT_AS_USER' });
    assert.equal(banned.statusCode, 200, banned.body);
    const outcome = banned.json().outcome;
    assert.equal(outcome.result, 'succeeded');
    assert.equal(outcome.ban.reason, 'unlisted vendor with ADMIN and ACT_AS_USER');
    assert.equal(has(await world.installations(), RISKY, acme.cloudId), false);

    await world.control.send('POST', '/tenant/apps/install', {
      appKey: RISKY,
      site: 'acme',
      product: 'jira',
      installedBy: world.member.email,
      userInstalled: true,
    });
    assert.equal(has(await world.installations(), RISKY, acme.cloudId), true);

    // The next scan is the server's own: requested over the API and run by its scan service.
    const next = await world.serverScan();
    assert.equal(next.status, 'success');
    assert.equal(
      has(await world.installations(), RISKY, acme.cloudId),
      false,
      'the scan uninstalled it again',
    );

    const alerts = await world.call(world.people.viewer, 'GET', '/api/v1/apps/ban-alerts');
    assert.equal(alerts.statusCode, 200, alerts.body);
    assert.deepEqual(
      alerts
        .json()
        .items.map(
          (a: { appKey: string; result: string; snapshotVersion: number; ban: { reason: string } }) => [
            a.appKey,
            a.result,
            a.snapshotVersion,
            a.ban.reason,
          ],
        ),
      [[RISKY, 'uninstalled', next.snapshotVersion, 'unlisted vendor with ADMIN and ACT_AS_USER']],
    );
    const since = await world.call(
      world.people.viewer,
      'GET',
      `/api/v1/apps/ban-alerts?connectionId=${world.connectionId}&since=${encodeURIComponent(new Date(world.server.deps.now().getTime() + 1000).toISOString())}`,
    );
    assert.deepEqual(since.json().items, []);

    // The snapshot that scan read still shows the app (it was installed when read): the list marks it banned.
    const listed = (
      await world.call(world.people.viewer, 'GET', '/api/v1/apps?classification=banned')
    ).json();
    assert.deepEqual(
      listed.items.map((a: { key: string; banned: boolean; classification: { group: string } }) => [
        a.key,
        a.banned,
        a.classification.group,
      ]),
      [[RISKY, true, 'banned']],
    );
  },
  { timeout: 120_000 },
);

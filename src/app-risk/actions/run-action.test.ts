import assert from 'node:assert/strict';
import {
  CredentialRejectedError,
  ForbiddenError,
  NotFoundError,
  ServerError,
} from '../../atlassian/errors.ts';
import { listAudit } from '../../audit/audit-log.ts';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { listActionLog } from './action-log.ts';
import { getBan } from './bans.ts';
import {
  ActionNotPermittedError,
  AppNotInInventoryError,
  InvalidActionRequestError,
  WriteConsentRequiredError,
} from './errors.ts';
import { formatActionOutcome } from './format.ts';
import { type AppActionDeps, runAppAction } from './run-action.ts';
import {
  ADMIN_WRITE,
  CONNECTION,
  type FakeApi,
  fakeApi,
  LABS,
  READER,
  REVOKER,
  SITE,
  seedApps,
  siteOf,
} from './test-support.ts';

// Disable, enable, uninstall, ban and unban against a seeded snapshot and a recording client:
// who may, with which consent, what a dry run shows, and what is recorded.

const AT = new Date('2025-02-01T10:00:00.000Z');

function deps(db: AppActionDeps['db'], api: FakeApi, over: Partial<AppActionDeps> = {}): AppActionDeps {
  return {
    db,
    connection: { id: CONNECTION, writeCredentials: ADMIN_WRITE },
    actor: REVOKER,
    allowHosts: [],
    createApi: api.createApi,
    now: () => AT,
    ...over,
  };
}

forEachDatabase(
  'uninstalling a Connect app sends one UPM DELETE per site with the write credential and records each',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    const outcome = await runAppAction(deps(db, api), { action: 'uninstall', appKey: 'com.evil.sync' });
    assert.equal(outcome.result, 'succeeded');
    assert.deepEqual(
      api.calls.map((c) => [c.endpointId, c.site, c.pluginKey]),
      [
        ['upm.jira.delete', LABS.url, 'com.evil.sync'],
        ['upm.jira.delete', SITE.url, 'com.evil.sync'],
      ],
    );
    // Only the write credential reaches the client, never the read-only one.
    assert.deepEqual(api.built, [ADMIN_WRITE]);
    assert.equal(api.closed, 1);
    const log = await listActionLog(db, CONNECTION);
    assert.deepEqual(
      log.map((e) => [e.action, e.site?.url, e.result, e.request?.url, e.actor.name, e.at]).sort(),
      [
        [
          'uninstall',
          LABS.url,
          'succeeded',
          `${LABS.url}/rest/plugins/1.0/com.evil.sync-key`,
          'Riley Chen',
          AT.toISOString(),
        ],
        [
          'uninstall',
          SITE.url,
          'succeeded',
          `${SITE.url}/rest/plugins/1.0/com.evil.sync-key`,
          'Riley Chen',
          AT.toISOString(),
        ],
      ],
    );
    const audit = await listAudit(db, { connectionId: CONNECTION });
    assert.deepEqual(
      audit.map((a) => [a.actor, a.action, a.subject, a.details.result]),
      [
        ['u-riley', 'app.uninstall', 'app:com.evil.sync', 'succeeded'],
        ['u-riley', 'app.uninstall', 'app:com.evil.sync', 'succeeded'],
      ],
    );
    assert.ok(!JSON.stringify(audit).includes('ATATT3x'), 'no credential in the audit log');
  },
);

forEachDatabase(
  'disabling sends enabled:false as UPM’s plugin media type, and enabling true, narrowed to one site',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    const dry = await runAppAction(deps(db, api), {
      action: 'disable',
      appKey: 'com.evil.sync',
      sites: [SITE.cloudId],
      dryRun: true,
    });
    assert.deepEqual(dry.steps[0]?.request, {
      endpointId: 'upm.jira.update',
      method: 'PUT',
      url: `${SITE.url}/rest/plugins/1.0/com.evil.sync-key`,
      pluginKey: 'com.evil.sync',
      contentType: 'application/vnd.atl.plugins.plugin+json',
      body: { enabled: false },
    });
    await runAppAction(deps(db, api), { action: 'disable', appKey: 'com.evil.sync', sites: [SITE.cloudId] });
    await runAppAction(deps(db, api), { action: 'enable', appKey: 'com.evil.sync', sites: [SITE.cloudId] });
    // Each PUT is preceded by a read of the app's state now (unreadable here: the PUT goes out).
    assert.deepEqual(
      api.calls.map((c) => [c.endpointId, c.site, c.body]),
      [
        ['upm.jira.get', SITE.url, undefined],
        ['upm.jira.update', SITE.url, { enabled: false }],
        ['upm.jira.get', SITE.url, undefined],
        ['upm.jira.update', SITE.url, { enabled: true }],
      ],
    );
  },
);

forEachDatabase(
  'disabling an app UPM already shows disabled answers "no change", sends no PUT and records no_change',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi((call) =>
      call.endpointId === 'upm.jira.get' ? { key: call.pluginKey, enabled: false } : undefined,
    );
    const outcome = await runAppAction(deps(db, api), {
      action: 'disable',
      appKey: 'com.evil.sync',
      sites: [SITE.cloudId],
    });
    assert.equal(outcome.result, 'no_change');
    assert.deepEqual(
      api.calls.map((c) => c.endpointId),
      ['upm.jira.get'],
    );
    assert.match(
      formatActionOutcome(outcome),
      /^disable com\.evil\.sync: no change .*\n {2}no change: already disabled, nothing sent — /,
    );
    const log = await listActionLog(db, CONNECTION);
    assert.deepEqual(
      log.map((e) => [e.action, e.result]),
      [['disable', 'no_change']],
    );
  },
);

forEachDatabase(
  'an actor without apps:revoke is refused with the missing right named, and nothing is called',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    await assert.rejects(
      runAppAction(deps(db, api, { actor: READER }), { action: 'uninstall', appKey: 'com.evil.sync' }),
      (error: unknown) => {
        assert.ok(error instanceof ActionNotPermittedError);
        assert.equal(error.missingRight, 'apps:revoke');
        assert.match(
          error.message,
          /Dana Ops \(u-dana\) may not uninstall apps: the right "apps:revoke" is missing/,
        );
        return true;
      },
    );
    assert.deepEqual([api.calls.length, api.built.length], [0, 0]);
    const [row] = await listActionLog(db, CONNECTION);
    assert.deepEqual([row?.result, row?.error?.code, row?.actor.id], ['refused', 'not_permitted', 'u-dana']);
    const [audit] = await listAudit(db, { connectionId: CONNECTION });
    assert.deepEqual([audit?.action, audit?.details.result], ['app.uninstall', 'refused']);
  },
);

forEachDatabase(
  'without write consent an action is refused before any call; the read-only credential is never borrowed',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    for (const action of ['uninstall', 'disable'] as const) {
      await assert.rejects(
        runAppAction(deps(db, api, { connection: { id: CONNECTION } }), { action, appKey: 'com.evil.sync' }),
        (error: unknown) =>
          error instanceof WriteConsentRequiredError &&
          error.problem === 'absent' &&
          /has no write consent.*separate write credential/.test(error.message),
      );
    }
    await assert.rejects(
      runAppAction(deps(db, api, { connection: { id: CONNECTION } }), {
        action: 'ban',
        appKey: 'com.not.installed',
        reason: 'never',
      }),
      WriteConsentRequiredError,
    );
    assert.equal(await getBan(db, CONNECTION, 'com.not.installed'), undefined);
    assert.deepEqual([api.calls.length, api.built.length], [0, 0]);
    assert.deepEqual(
      (await listActionLog(db, CONNECTION)).map((e) => [e.action, e.result, e.error?.code]).sort(),
      [
        ['ban', 'refused', 'write_consent_required'],
        ['disable', 'refused', 'write_consent_required'],
        ['uninstall', 'refused', 'write_consent_required'],
      ],
    );
  },
);

forEachDatabase(
  'an OAuth grant without a write scope is no consent, and with one it still cannot manage apps',
  async (_t, { db }) => {
    await seedApps(db);
    const oauth = (scopes: string[]) => ({
      site: {
        kind: 'oauth' as const,
        clientId: 'c',
        clientSecret: 's',
        tokens: { accessToken: 'a', refreshToken: null, expiresAt: 0, scopes },
        onTokens: () => {},
      },
    });
    const api = fakeApi();
    const attempt = (scopes: string[]) =>
      runAppAction(deps(db, api, { connection: { id: CONNECTION, writeCredentials: oauth(scopes) } }), {
        action: 'uninstall',
        appKey: 'com.evil.sync',
      });
    await assert.rejects(
      attempt(['read:jira-work']),
      (e: unknown) => e instanceof WriteConsentRequiredError && e.problem === 'oauth_without_write_scope',
    );
    await assert.rejects(
      attempt(['read:jira-work', 'manage:jira-configuration']),
      (e: unknown) =>
        e instanceof WriteConsentRequiredError &&
        e.problem === 'oauth_cannot_manage_apps' &&
        /API token \(Basic auth\)/.test(e.message),
    );
    assert.equal(api.calls.length, 0);
  },
);

forEachDatabase(
  'a dry run lists exactly the requests and manual steps, calls nothing and records nothing',
  async (_t, { db }) => {
    const version = await seedApps(db);
    const api = fakeApi();
    const outcome = await runAppAction(deps(db, api), {
      action: 'ban',
      appKey: 'com.evil.sync',
      reason: 'sync to unknown host',
      dryRun: true,
    });
    assert.equal(outcome.result, 'dry_run');
    assert.equal(outcome.snapshotVersion, version);
    assert.deepEqual(
      outcome.steps.map((s) => [s.result, s.request?.method, s.request?.url]),
      [
        ['planned', 'DELETE', `${LABS.url}/rest/plugins/1.0/com.evil.sync-key`],
        ['planned', 'DELETE', `${SITE.url}/rest/plugins/1.0/com.evil.sync-key`],
      ],
    );
    assert.deepEqual([api.calls.length, api.built.length], [0, 0]);
    assert.equal(await getBan(db, CONNECTION, 'com.evil.sync'), undefined);
    assert.deepEqual(await listActionLog(db, CONNECTION), []);
    assert.deepEqual(await listAudit(db, { connectionId: CONNECTION }), []);
    const text = formatActionOutcome(outcome);
    assert.match(text, /^Dry run: ban com.evil.sync — nothing was sent/);
    assert.match(
      text,
      /would send DELETE https:\/\/acme.atlassian.net\/rest\/plugins\/1.0\/com.evil.sync-key — https:\/\/acme.atlassian.net \(jira\)/,
    );
    // A dry run meets the refusals the real run would, without recording them.
    await assert.rejects(
      runAppAction(deps(db, api, { actor: READER }), {
        action: 'uninstall',
        appKey: 'com.evil.sync',
        dryRun: true,
      }),
      ActionNotPermittedError,
    );
    assert.deepEqual(await listActionLog(db, CONNECTION), []);
  },
);

forEachDatabase(
  'uninstalling a Forge app gives the admin.atlassian.com steps instead of a call',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    const listed = await runAppAction(deps(db, api), { action: 'uninstall', appKey: 'com.good.forge' });
    const lone = await runAppAction(deps(db, api), { action: 'uninstall', appKey: 'f-1' });
    assert.equal(api.calls.length, 0);
    for (const outcome of [listed, lone]) {
      assert.equal(outcome.result, 'manual_required');
      const manual = outcome.steps[0]?.manual;
      assert.match(manual?.reason ?? '', /no API to uninstall a Forge app/);
      assert.match(manual?.steps[0] ?? '', /admin\.atlassian\.com/);
      assert.ok(manual?.steps.some((s) => /Connected apps/.test(s)));
      assert.ok(manual?.steps.some((s) => /Uninstall/.test(s)));
    }
    assert.match(lone.steps[0]?.manual?.steps[1] ?? '', /acme-labs\.atlassian\.net/);
    assert.match(
      formatActionOutcome(listed),
      /manual steps required.*\n {4}1\. Go to https:\/\/admin\.atlassian\.com/,
    );
    const log = await listActionLog(db, CONNECTION);
    assert.deepEqual(
      log.map((e) => [e.result, e.request, e.manual?.docs !== undefined]),
      [
        ['manual_required', null, true],
        ['manual_required', null, true],
      ],
    );
  },
);

forEachDatabase(
  'a 403 from UPM says the write credential is not a site admin; a 404 means already gone; others go on',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi((call) => {
      if (call.site === SITE.url)
        throw new ForbiddenError(
          siteOf(call.site),
          'the account lacks the permission: You must be an administrator to manage apps.',
        );
      throw new NotFoundError(siteOf(call.site ?? ''), "Plugin with key 'com.evil.sync' not found");
    });
    const outcome = await runAppAction(deps(db, api), { action: 'uninstall', appKey: 'com.evil.sync' });
    assert.equal(outcome.result, 'failed');
    assert.deepEqual(
      outcome.steps.map((s) => [s.site.url, s.result, s.error?.code]),
      [
        [LABS.url, 'not_installed', undefined],
        [SITE.url, 'failed', 'not_site_admin'],
      ],
    );
    assert.match(
      outcome.steps[1]?.error?.message ?? '',
      /write credential is not a site admin of https:\/\/acme\.atlassian\.net/,
    );
    const log = await listActionLog(db, CONNECTION);
    assert.deepEqual(log.map((e) => [e.result, e.error?.code ?? null]).sort(), [
      ['failed', 'not_site_admin'],
      ['not_installed', null],
    ]);
  },
);

forEachDatabase(
  'UPM’s 401 to a token that passes the canary means “not a site admin”; failing it too means rejected',
  async (_t, { db }) => {
    await seedApps(db);
    const upm401 = (url: string) =>
      new CredentialRejectedError({ ...siteOf(url), status: 401 }, undefined, {
        authKind: 'basic',
        serverMessage: 'Must have permission to access this resource.',
      });
    const run = async (canaryWorks: boolean) => {
      const api = fakeApi((call) => {
        if (call.endpointId === 'jira.myself.get') {
          if (canaryWorks) return { accountId: 'ada' };
          throw new CredentialRejectedError({ ...siteOf(call.site ?? ''), status: 401 });
        }
        throw upm401(call.site ?? '');
      });
      const outcome = await runAppAction(deps(db, api), { action: 'uninstall', appKey: 'com.evil.sync' });
      return { outcome, calls: api.calls.map((c) => c.endpointId) };
    };

    const admin = await run(true);
    assert.deepEqual(
      admin.outcome.steps.map((s) => s.error?.code),
      ['not_site_admin', 'not_site_admin'],
    );
    assert.match(
      admin.outcome.steps[0]?.error?.message ?? '',
      /Must have permission to access this resource/,
    );
    // Two refusals, one canary.
    assert.deepEqual(admin.calls, ['upm.jira.delete', 'jira.myself.get', 'upm.jira.delete']);

    const revoked = await run(false);
    assert.deepEqual(
      revoked.outcome.steps.map((s) => s.error?.code),
      ['write_credential_rejected', 'write_credential_rejected'],
    );
  },
);

forEachDatabase(
  'UPM’s Forge 403 becomes manual steps, and a server failure says the state is unknown',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi((call) => {
      if (call.site === SITE.url)
        throw new ForbiddenError(
          siteOf(SITE.url),
          "the account lacks the permission: 'com.evil.sync' is a Forge app: it cannot be uninstalled",
        );
      throw new ServerError(siteOf(LABS.url), '503 after 5 attempts');
    });
    const outcome = await runAppAction(deps(db, api), { action: 'uninstall', appKey: 'com.evil.sync' });
    assert.deepEqual(
      outcome.steps.map((s) => [s.site.url, s.result, s.error?.code ?? null, s.manual !== undefined]),
      [
        [LABS.url, 'failed', 'atlassian_unavailable', false],
        [SITE.url, 'manual_required', null, true],
      ],
    );
    assert.match(outcome.steps[0]?.error?.message ?? '', /may or may not have changed/);
  },
);

forEachDatabase('a ban is kept even when its uninstall fails, and unban lifts it', async (_t, { db }) => {
  await seedApps(db);
  const api = fakeApi(() => {
    throw new ServerError(siteOf(SITE.url), '500');
  });
  const outcome = await runAppAction(deps(db, api), {
    action: 'ban',
    appKey: 'com.evil.sync',
    reason: ' sends data to an unknown host ',
  });
  assert.equal(outcome.result, 'failed');
  assert.deepEqual(outcome.ban, {
    connectionId: CONNECTION,
    appKey: 'com.evil.sync',
    reason: 'sends data to an unknown host',
    actor: { id: 'u-riley', name: 'Riley Chen' },
    bannedAt: AT.toISOString(),
  });
  assert.equal((await getBan(db, CONNECTION, 'com.evil.sync'))?.reason, 'sends data to an unknown host');
  const lifted = await runAppAction(deps(db, fakeApi()), { action: 'unban', appKey: 'com.evil.sync' });
  assert.equal(lifted.result, 'succeeded');
  assert.equal(await getBan(db, CONNECTION, 'com.evil.sync'), undefined);
  const again = await runAppAction(deps(db, fakeApi()), { action: 'unban', appKey: 'com.evil.sync' });
  assert.equal(again.result, 'no_change');
  const audit = await listAudit(db, { connectionId: CONNECTION, subject: 'app:com.evil.sync' });
  assert.deepEqual(audit.map((a) => [a.action, a.details.result]).sort(), [
    ['app.ban', 'failed'],
    ['app.ban', 'failed'],
    ['app.ban', 'succeeded'],
    ['app.unban', 'no_change'],
    ['app.unban', 'succeeded'],
  ]);
});

forEachDatabase(
  'a ban needs a reason; an action on an app no snapshot shows is refused',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    await assert.rejects(
      runAppAction(deps(db, api), { action: 'ban', appKey: 'com.evil.sync', reason: '  ' }),
      InvalidActionRequestError,
    );
    await assert.rejects(
      runAppAction(deps(db, api), { action: 'uninstall', appKey: 'com.nobody' }),
      (e: unknown) => e instanceof AppNotInInventoryError && /sync the connection first/.test(e.message),
    );
    await assert.rejects(
      runAppAction(deps(db, api), { action: 'disable', appKey: 'com.evil.sync', products: ['confluence'] }),
      (e: unknown) =>
        e instanceof AppNotInInventoryError && /on the chosen sites and products/.test(e.message),
    );
    assert.equal(api.calls.length, 0);
  },
);

forEachDatabase(
  'blocking user-installed apps gives the manual steps for each site and needs no write consent',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    const outcome = await runAppAction(deps(db, api, { connection: { id: CONNECTION } }), {
      action: 'block-user-installed-apps',
    });
    assert.equal(outcome.result, 'manual_required');
    assert.deepEqual(
      outcome.steps.map((s) => s.site.url),
      [SITE.url, LABS.url],
    );
    assert.ok(outcome.steps.every((s) => s.manual?.steps.some((t) => /Block user apps/.test(t))));
    assert.match(outcome.steps[0]?.manual?.reason ?? '', /no API/);
    assert.equal(api.calls.length, 0);
    await assert.rejects(
      runAppAction(deps(db, api, { actor: READER }), { action: 'block-user-installed-apps' }),
      ActionNotPermittedError,
    );
    const audit = await listAudit(db, { connectionId: CONNECTION, action: 'app.block-user-installed-apps' });
    assert.deepEqual(audit.map((a) => [a.subject, a.details.result]).sort(), [
      ['site:all', 'refused'],
      [`site:${SITE.cloudId}`, 'manual_required'],
      [`site:${LABS.cloudId}`, 'manual_required'],
    ]);
  },
);

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

const h = useHarness();

const post = (path: string, body: unknown) => h.send('POST', `${h.control}${path}`, body);

test('installing an app adds the installation, its app account and an audit trail', async () => {
  const res = await post('/tenant/apps/install', {
    appKey: 'com.tiny.timesheets',
    site: 'acme-labs',
    product: 'jira',
    installedBy: 'mo@acme.example',
    userInstalled: true,
  });
  assert.equal(res.status, 200);
  const installation = (await res.json()) as { siteId: string; userInstalled: boolean; appAccountId: string };
  assert.equal(installation.siteId, TINY.siteB);
  assert.equal(installation.userInstalled, true);
  assert.equal(installation.appAccountId, TINY.appConnect);
  const state = h.sim.context.state;
  assert.ok(
    state.tenant.events.some(
      (e) => e.action === 'ecosystem_app_installed' && e.actor.id === TINY.member && e.time > '2026',
    ),
  );
  const labs = state.sitesById.get(TINY.siteB);
  assert.equal(labs?.jira?.audit.at(-1)?.summary, 'App installed');

  const again = await post('/tenant/apps/install', {
    appKey: 'com.tiny.timesheets',
    site: 'acme-labs',
    product: 'jira',
    installedBy: 'mo@acme.example',
  });
  assert.equal(again.status, 409);
});

test('removing an app takes it off the site and a second removal is a 404', async () => {
  const url = `${h.control}/tenant/apps/com.tiny.timesheets/installations?site=acme-labs&product=jira`;
  assert.equal((await h.send('DELETE', url, undefined)).status, 200);
  const second = await h.send('DELETE', url, undefined);
  assert.equal(second.status, 404);
  assert.match(
    ((await second.json()) as { error: { message: string } }).error.message,
    /not installed on acme-labs/,
  );
});

test('changing an app’s scopes bumps its version', async () => {
  const res = await h.send('PUT', `${h.control}/tenant/apps/com.tiny.timesheets/scopes`, {
    scopes: ['READ', 'ADMIN'],
  });
  const app = (await res.json()) as { scopes: string[]; version: string };
  assert.deepEqual(app.scopes, ['READ', 'ADMIN']);
  assert.equal(app.version, '2.4.2');
});

test('anonymous access can be opened on Jira and Confluence', async () => {
  const jira = await post('/tenant/anonymous-access', { kind: 'jira-browse', site: 'acme', schemeId: 10000 });
  assert.match(((await jira.json()) as { changed: string }).changed, /BROWSE_PROJECTS to anyone/);
  const site = h.sim.context.state.sitesById.get(TINY.siteA);
  assert.ok(site?.jira?.permissionSchemes[0]?.grants.some((g) => g.holder.type === 'anyone'));
  const space = await post('/tenant/anonymous-access', {
    kind: 'confluence-space',
    site: 'acme',
    spaceKey: 'ENG',
  });
  assert.equal(space.status, 200);
  const missing = await post('/tenant/anonymous-access', {
    kind: 'confluence-space',
    site: 'acme',
    spaceKey: 'NOPE',
  });
  assert.equal(missing.status, 404);
});

test('Confluence’s “Anonymous access to remote API” switched off refuses anonymous calls with 401 and no others', async () => {
  const probe = `${h.siteA}/wiki/rest/api/user/anonymous?expand=operations`;
  assert.equal((await h.get(probe)).status, 200);
  const off = await post('/tenant/anonymous-access', {
    kind: 'confluence-remote-api',
    site: 'acme',
    enabled: false,
  });
  assert.match(((await off.json()) as { changed: string }).changed, /remote API off/);
  try {
    const refused = await h.get(probe);
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { statusCode: number }).statusCode, 401);
    assert.equal((await h.get(`${h.siteA}/wiki/api/v2/spaces`)).status, 401);
    // The credential still reads what anonymous may do; Jira on the same site is not affected.
    assert.equal((await h.get(probe, h.memberBasic)).status, 200);
    assert.equal(
      (await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS`)).status,
      200,
    );
  } finally {
    await post('/tenant/anonymous-access', { kind: 'confluence-remote-api', site: 'acme', enabled: true });
  }
  assert.equal((await h.get(probe)).status, 200);
  const jiraOnly = await post('/tenant/anonymous-access', {
    kind: 'confluence-remote-api',
    site: 'acme-labs',
    enabled: false,
  });
  assert.equal(jiraOnly.status, 400);
});

test('users can be added and deactivated', async () => {
  const res = await post('/tenant/users', { email: 'new@acme.example', name: 'New Person' });
  const user = (await res.json()) as { accountId: string; claimStatus: string };
  assert.equal(user.claimStatus, 'managed');
  assert.equal((await post('/tenant/users', { email: 'new@acme.example', name: 'Twice' })).status, 409);
  const off = await post(`/tenant/users/${user.accountId}/deactivate`, {});
  assert.equal(((await off.json()) as { accountStatus: string }).accountStatus, 'inactive');
});

test('malformed control requests are refused with the field named', async () => {
  const res = await post('/tenant/apps/install', {
    appKey: 'x',
    site: 'acme',
    product: 'bitbucket',
    installedBy: 'a@b.c',
  });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /product/);
  const faults = await h.send('PUT', `${h.control}/faults`, { rules: [{ errorRate: 5 }] });
  assert.equal(faults.status, 400);
  assert.match(
    ((await faults.json()) as { error: { message: string } }).error.message,
    /rules\.0\.errorRate/,
  );
});

test('faults can be switched on and off at run time', async () => {
  const config = {
    seed: 3,
    rateLimit: { perSecond: 5, burst: 10 },
    rules: [{ endpoints: ['jira.*'], latencyMs: 10 }],
  };
  assert.equal((await h.send('PUT', `${h.control}/faults`, config)).status, 200);
  assert.deepEqual(await h.json(`${h.control}/faults`), config);
  await h.send('DELETE', `${h.control}/faults`, undefined);
  assert.deepEqual(await h.json(`${h.control}/faults`), { rules: [] });
});

test('a reset restores the starting tenant', async () => {
  await post('/reset', {});
  const summary = (await h.json(`${h.control}/tenant/summary`)) as { users: number; installations: number };
  assert.equal(summary.users, 7);
  assert.equal(summary.installations, 4);
});

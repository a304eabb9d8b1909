import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError } from './jira-test-support.ts';

const h = useHarness();

const jiraOf = (siteId: string) => {
  const jira = h.sim.context.state.sitesById.get(siteId)?.jira;
  assert.ok(jira);
  return jira;
};

test('server info answers anonymously with the site URL, title and Cloud deployment', async () => {
  const a = await h.json<Record<string, unknown>>(`${h.siteA}/rest/api/3/serverInfo`);
  assert.equal(a.baseUrl, h.siteA);
  assert.equal(a.serverTitle, 'Acme');
  assert.equal(a.deploymentType, 'Cloud');
  assert.equal(a.displayUrlConfluence, `${h.siteA}/wiki`);
  assert.match(String(a.serverTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  const b = await h.json<Record<string, unknown>>(`${h.siteB}/rest/api/3/serverInfo`);
  assert.equal(b.serverTitle, 'Acme Labs');
  assert.equal(b.displayUrlConfluence, undefined);
});

test('server info with a wrong API token is a 401, never an anonymous answer', async () => {
  const res = await h.get(`${h.siteA}/rest/api/3/serverInfo`, h.basic('mo@acme.example', 'wrong'));
  await assertJiraError(res, 401);
});

test('tenant_info gives each site its cloud id without credentials', async () => {
  assert.deepEqual(await h.json(`${h.siteA}/_edge/tenant_info`), { cloudId: TINY.siteA });
  assert.deepEqual(await h.json(`${h.siteB}/_edge/tenant_info`), { cloudId: TINY.siteB });
});

test('configuration reports each site’s global settings to a Jira user', async () => {
  const a = await h.json<Record<string, unknown>>(`${h.siteA}/rest/api/3/configuration`, h.memberBasic);
  assert.equal(a.votingEnabled, true);
  assert.equal(a.unassignedIssuesAllowed, true);
  assert.deepEqual(a.timeTrackingConfiguration, {
    workingHoursPerDay: 8,
    workingDaysPerWeek: 5,
    timeFormat: 'pretty',
    defaultUnit: 'minute',
  });
  const b = await h.json<Record<string, unknown>>(`${h.siteB}/rest/api/3/configuration`, h.adminBasic);
  assert.equal(b.votingEnabled, false);
  assert.equal(b.unassignedIssuesAllowed, false);
});

test('configuration needs credentials and Jira access on the site', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/configuration`), 401);
  // Mo has no Jira access on acme-labs.
  await assertJiraError(await h.get(`${h.siteB}/rest/api/3/configuration`, h.memberBasic), 403);
});

test('the licence lists Jira Software as PAID on paid plans and FREE on the free plan', async () => {
  assert.deepEqual(await h.json(`${h.siteA}/rest/api/3/instance/license`, h.memberBasic), {
    applications: [{ id: 'jira-software', plan: 'PAID' }],
  });
  const jira = jiraOf(TINY.siteB);
  jira.plan = 'FREE';
  try {
    assert.deepEqual(await h.json(`${h.siteB}/rest/api/3/instance/license`, h.adminBasic), {
      applications: [{ id: 'jira-software', plan: 'FREE' }],
    });
  } finally {
    jira.plan = 'PREMIUM';
  }
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/instance/license`), 401);
});

test('application properties list every property for a Jira admin', async () => {
  const all = await h.json<{ key: string; value: string; type: string }[]>(
    `${h.siteA}/rest/api/3/application-properties`,
    h.adminBasic,
  );
  assert.deepEqual(
    all.map((p) => [p.key, p.value, p.type]),
    [['jira.option.allowunassigned', 'true', 'boolean']],
  );
  assert.deepEqual(await h.json(`${h.siteB}/rest/api/3/application-properties`, h.adminBasic), []);
});

test('an application property asked for by key comes back as a single object', async () => {
  const one = await h.json<Record<string, unknown>>(
    `${h.siteA}/rest/api/3/application-properties?key=jira.option.allowunassigned`,
    h.adminBasic,
  );
  assert.equal(one.id, 'jira.option.allowunassigned');
  assert.equal(one.defaultValue, 'false');
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/application-properties?key=nope`, h.adminBasic),
    404,
  );
});

test('keyFilter narrows application properties by a regular expression', async () => {
  const url = (f: string) =>
    `${h.siteA}/rest/api/3/application-properties?keyFilter=${encodeURIComponent(f)}`;
  assert.equal((await h.json<unknown[]>(url('jira\\.option\\..*'), h.adminBasic)).length, 1);
  assert.equal((await h.json<unknown[]>(url('jira\\.lf\\..*'), h.adminBasic)).length, 0);
  await assertJiraError(await h.get(url('(['), h.adminBasic), 400);
});

test('application properties are refused to a member who is not a Jira admin', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/application-properties`, h.memberBasic), 403);
});

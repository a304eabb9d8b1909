import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError } from './jira-test-support.ts';

type Audit = { offset: number; limit: number; total: number; records: Record<string, unknown>[] };

const h = useHarness();

const audit = (query = '') =>
  h.json<Audit>(`${h.siteA}/rest/api/3/auditing/record${query ? `?${query}` : ''}`, h.adminBasic);
const ids = (a: Audit) => a.records.map((r) => r.id);

test('audit records come newest first with their author account id', async () => {
  const a = await audit();
  assert.equal(a.total, 2);
  assert.equal(a.offset, 0);
  assert.equal(a.limit, 1000);
  assert.deepEqual(ids(a), [2, 1]);
  const [latest] = a.records;
  assert.equal(latest?.authorAccountId, TINY.admin);
  for (const r of a.records) assert.equal(typeof r.authorAccountId, 'string', `record ${r.id}`);
  assert.equal(latest?.created, '2026-10-30T12:00:00.000+0000');
  assert.deepEqual(latest?.objectItem, { id: '10001', name: 'Public scheme', typeName: 'PERMISSION_SCHEME' });
  assert.deepEqual(latest?.changedValues, [
    { fieldName: 'Browse Projects', changedFrom: '', changedTo: 'Anyone' },
  ]);
});

test('the audit filter keeps records where every word matches some field', async () => {
  assert.deepEqual(ids(await audit('filter=app')), [1]);
  assert.deepEqual(ids(await audit('filter=PLUGIN%20timesheets')), [1]);
  assert.deepEqual(ids(await audit('filter=scheme%20anyone')), [2]);
  assert.deepEqual(ids(await audit('filter=198.51.100')), [2, 1]);
  assert.deepEqual(ids(await audit('filter=app%20anyone')), []);
});

test('from and to bound the audit records by creation time', async () => {
  assert.deepEqual(ids(await audit('from=2026-10-29T00:00:00.000Z')), [2]);
  assert.deepEqual(ids(await audit('to=2026-10-29T00:00:00.000%2B0000')), [1]);
  assert.deepEqual(ids(await audit('from=2026-10-31&to=2026-10-20')), []);
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/auditing/record?from=yesterday`, h.adminBasic),
    400,
  );
});

test('offset and limit page through the audit log, each record once', async () => {
  for (const limit of [1, 2, 5]) {
    const seen: unknown[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await audit(`offset=${offset}&limit=${limit}`);
      assert.equal(page.limit, limit);
      seen.push(...ids(page));
      if (offset + limit >= page.total) break;
    }
    assert.deepEqual(seen, [2, 1], `limit ${limit}`);
  }
});

test('the audit log is for Jira admins only', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/auditing/record`, h.memberBasic), 403);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/auditing/record`), 401);
});

test('the audit log is a 403 when Jira is on the free plan', async () => {
  const jira = h.sim.context.state.sitesById.get(TINY.siteA)?.jira;
  assert.ok(jira);
  jira.plan = 'FREE';
  try {
    const msg = await assertJiraError(
      await h.get(`${h.siteA}/rest/api/3/auditing/record`, h.adminBasic),
      403,
    );
    assert.match(msg, /paid plan/);
  } finally {
    jira.plan = 'STANDARD';
  }
});

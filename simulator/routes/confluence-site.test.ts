import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// Confluence site-wide endpoints: the audit log (admins only), system information, and the
// anonymous user's operations (site-wide anonymous access).

interface AuditPage {
  results: {
    author: { type: string; displayName: string; accountId: string };
    creationDate: number;
    summary: string;
    category: string;
    affectedObject: { name: string; objectType: string };
    associatedObjects: unknown[];
  }[];
  start: number;
  limit: number;
  size: number;
  _links: { base: string; next?: string };
}

const NOW = Date.parse('2026-11-01T12:00:00Z');
const DAY = 86_400_000;

const h = useHarness({ resetBeforeEach: true });

const audit = (query = '', auth = h.adminBasic) => h.get(`${h.siteA}/wiki/rest/api/audit${query}`, auth);

function addAuditRecords(count: number): void {
  const site = h.sim.context.state.sitesById.get(TINY.siteA);
  for (let i = 0; i < count; i++) {
    site?.confluence?.audit.push({
      authorAccountId: TINY.member,
      remoteAddress: '203.0.113.9',
      creationDate: NOW - (10 + i) * DAY,
      summary: `Page exported ${i}`,
      description: '',
      category: 'Import/Export',
      sysAdmin: false,
      affectedObject: { name: 'Engineering', objectType: 'Space' },
      changedValues: [{ name: 'format', oldValue: '', newValue: 'PDF' }],
    });
  }
}

test('an admin reads the audit log with authors resolved to users', async () => {
  const res = await audit();
  assert.equal(res.status, 200);
  const page = (await res.json()) as AuditPage;
  assert.equal(page.size, 1);
  const record = page.results[0];
  assert.deepEqual(
    [record?.author.type, record?.author.displayName, record?.author.accountId],
    ['user', 'Ada Admin', TINY.admin],
  );
  assert.equal(record?.creationDate, NOW - 3 * DAY);
  assert.equal(record?.summary, 'Space permission added');
  assert.deepEqual(record?.affectedObject, { name: 'Public docs', objectType: 'Space' });
  assert.deepEqual(record?.associatedObjects, []);
  assert.equal(page.limit, 1000);
});

test('a member without Confluence Administrator gets a 403 from the audit log', async () => {
  const res = await audit('', h.memberBasic);
  assert.equal(res.status, 403);
  assert.equal(((await res.json()) as { statusCode: number }).statusCode, 403);
});

test('startDate, endDate and searchString narrow the audit log; a bad date is a 400', async () => {
  addAuditRecords(3);
  const summaries = async (q: string) =>
    ((await (await audit(q)).json()) as AuditPage).results.map((r) => r.summary);
  assert.deepEqual(await summaries(`?startDate=${NOW - 5 * DAY}`), ['Space permission added']);
  assert.deepEqual(await summaries(`?endDate=${NOW - 11 * DAY}`), ['Page exported 1', 'Page exported 2']);
  // Epoch seconds and ISO dates are read as the same instant.
  assert.deepEqual(await summaries(`?startDate=${(NOW - 5 * DAY) / 1000}`), ['Space permission added']);
  assert.deepEqual(await summaries('?startDate=2026-10-25'), ['Space permission added']);
  assert.deepEqual(await summaries('?searchString=pdf&limit=1'), ['Page exported 0']);
  assert.equal((await audit('?startDate=yesterday')).status, 400);
});

test('a full walk of the audit log returns each record once, newest first, at page sizes 1 and 3', async () => {
  addAuditRecords(4);
  for (const limit of [1, 3]) {
    const seen: number[] = [];
    let url: string | undefined = `${h.siteA}/wiki/rest/api/audit?limit=${limit}`;
    while (url) {
      const page: AuditPage = await h.json<AuditPage>(url, h.adminBasic);
      seen.push(...page.results.map((r) => r.creationDate));
      url = page._links.next ? `${page._links.base}${page._links.next}` : undefined;
    }
    assert.equal(seen.length, 5);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => b - a),
    );
  }
});

test('system info names the cloud id, edition, base URL and title of the site', async () => {
  const info = await h.json<Record<string, string>>(
    `${h.siteA}/wiki/rest/api/settings/systemInfo`,
    h.adminBasic,
  );
  assert.equal(info.cloudId, TINY.siteA);
  assert.equal(info.edition, 'premium');
  assert.equal(info.baseUrl, `${h.siteA}/wiki`);
  assert.equal(info.siteTitle, 'Acme');
  assert.match(info.commitHash ?? '', /^[0-9a-f]{40}$/);
  assert.equal((await h.get(`${h.siteA}/wiki/rest/api/settings/systemInfo`)).status, 401);
});

test('anonymous may ask what anonymous may do: use/application while anonymous access is on', async () => {
  const res = await h.get(`${h.siteA}/wiki/rest/api/user/anonymous?expand=operations`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { type: string; displayName: string; operations: unknown[] };
  assert.equal(body.type, 'anonymous');
  assert.equal(body.displayName, 'Anonymous');
  assert.deepEqual(body.operations, [{ operation: 'use', targetType: 'application' }]);
  const site = h.sim.context.state.sitesById.get(TINY.siteA);
  if (site?.confluence) site.confluence.anonymousOperations = [];
  const off = await h.json<{ operations: unknown[] }>(
    `${h.siteA}/wiki/rest/api/user/anonymous?expand=operations`,
  );
  assert.deepEqual(off.operations, []);
});

test('without expand=operations the operations stay unexpanded', async () => {
  const body = await h.json<Record<string, unknown>>(
    `${h.siteA}/wiki/rest/api/user/anonymous`,
    h.memberBasic,
  );
  assert.equal(body.operations, undefined);
  assert.deepEqual(body._expandable, { operations: '' });
});

test('a site without Confluence answers 404 on Confluence paths', async () => {
  assert.equal((await h.get(`${h.siteB}/wiki/rest/api/settings/systemInfo`, h.adminBasic)).status, 404);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AtlassianApi, Page, PageOptions } from '../../atlassian/api.ts';
import { orgDomains } from '../../inventory/datasets/index.ts';
import type { CollectorContext } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { collector as jiraPermissionSchemesCollector } from './jira-permission-schemes.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import { collector as orgDomainsCollector } from './org-domains.ts';
import { runCollector } from './test-support.ts';
import { emailDomain, isoTime, safeAttributes } from './values.ts';

// The collectors' shared machinery, with a fake AtlassianApi serving canned pages.

function fakeApi(
  pages: Record<string, Page<unknown>[]>,
  bodies: Record<string, unknown> = {},
): AtlassianApi & {
  seen: PageOptions[];
} {
  const seen: PageOptions[] = [];
  return {
    seen,
    call: async <T>(id: string) => bodies[id] as T,
    async *pages<T>(id: string, options: PageOptions = {}) {
      seen.push(options);
      const list = pages[id] ?? [];
      const start = options.resumeFrom ? Number(options.resumeFrom) : 0;
      for (const page of list.slice(start)) yield page as Page<T>;
    },
    stats: () => ({ calls: 0, retries: 0, rateLimited: 0 }),
  };
}

const domain = (id: string) => ({
  id,
  attributes: { name: `${id}.example`, claim: { type: 'dns', status: 'VERIFIED' } },
});

test('a walk yields one page per API page with its resume token, and passes the checkpoint back', async () => {
  const api = fakeApi({
    'admin.domains.list': [
      { items: [domain('a'), domain('b')], next: '1' },
      { items: [domain('c')], next: null },
    ],
  });
  const pages = await runCollector(orgDomainsCollector, { api, orgId: 'o' });
  assert.deepEqual(
    pages.map((p) => [p.items.map((i) => i.key), p.checkpoint]),
    [
      [['a', 'b'], '1'],
      [['c'], null],
    ],
  );
  const resumed = await runCollector(orgDomainsCollector, { api, orgId: 'o', resumeFrom: '1' });
  assert.deepEqual(
    resumed.map((p) => p.items.map((i) => i.key)),
    [['c']],
  );
  assert.equal(api.seen.at(-1)?.resumeFrom, '1');
  assert.equal(api.seen.at(-1)?.pageSize, undefined, 'the client picks the maximum page size');
});

test('an empty list still ends with one final page, so the run records the dataset as read', async () => {
  const pages = await runCollector(orgDomainsCollector, { api: fakeApi({}), orgId: 'o' });
  assert.deepEqual(pages, [{ items: [], checkpoint: null }]);
});

test('a response missing a field the dataset needs fails with a coded error naming the field, not its value', async () => {
  const api = fakeApi(
    {},
    { 'jira.permissionSchemes.list': { permissionSchemes: [{ id: 1, permissions: [] }] } },
  );
  const site = { cloudId: 's', url: 'https://s.atlassian.net', products: ['jira' as const] };
  await assert.rejects(
    runCollector(jiraPermissionSchemesCollector, { api, site }),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'normalization');
      assert.match(error.message, /jira\.permission-schemes: .*name/);
      return true;
    },
  );
});

test('records keep only declared fields: credential-looking extras never reach the store', () => {
  const item = toItem(orgDomains, {
    id: 'd',
    name: 'acme.example',
    claimType: 'dns',
    status: 'verified',
    verified: true,
    sharedSecret: 'ATATT3xSECRET',
  });
  assert.equal(JSON.stringify(item).includes('ATATT3x'), false);
  assert.deepEqual(safeAttributes({ name: 'x', apiToken: 'ATATT3x', nested: { a: 1 }, n: 2 }), {
    name: 'x',
    n: 2,
  });
});

test('parent checkpoints round-trip and a foreign one is refused', () => {
  const cp = encodePosition({ parent: 3, next: 'tok', state: { to: '2026-11-01T00:00:00.000Z' } });
  assert.deepEqual(decodePosition('d', cp), {
    parent: 3,
    next: 'tok',
    state: { to: '2026-11-01T00:00:00.000Z' },
  });
  assert.deepEqual(decodePosition('d', null), { parent: 0, next: null });
  assert.throws(() => decodePosition('d', 'eyJvIjoxMDB9'), { code: 'bad_checkpoint' });
});

test('values: times from every Atlassian format become ISO UTC; e-mails become domains', () => {
  assert.equal(isoTime('2026-11-01T12:00:00.000+0000'), '2026-11-01T12:00:00.000Z');
  assert.equal(isoTime(1793534400000), '2026-11-01T12:00:00.000Z');
  assert.equal(isoTime('not a date'), null);
  assert.equal(emailDomain('Ada@ACME.example'), 'acme.example');
  assert.equal(emailDomain('nobody'), null);
});

test('mapLimit keeps order and never runs more than the limit at once', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, n));
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(peak, 2);
});

test('a site collector without a site fails with a coded error', async () => {
  const ctx = { site: undefined } as unknown as CollectorContext;
  await assert.rejects(
    async () => {
      for await (const _ of jiraPermissionSchemesCollector.collect(ctx)) break;
    },
    { code: 'missing_context' },
  );
});

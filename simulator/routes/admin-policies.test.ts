import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAdminError } from '../testing/admin-errors.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { BIG, bigTenant, walkV1 } from './admin-test-tenant.ts';

const h = useHarness();
const big = useHarness({ tenant: bigTenant });

interface Policy {
  id: string;
  attributes: { type: string; rule: { in: string[] } };
}

test('policies show type, status, the allow-if-contained rule and applied resources', async () => {
  const body = await h.json<{ data: unknown[]; meta: unknown; links: unknown }>(
    `${h.orgV1}/policies`,
    h.orgKey,
  );
  assert.deepEqual(body.data, [
    {
      id: 'p0000000-0000-4000-8000-000000000001',
      type: 'policy',
      attributes: {
        type: 'ip-allowlist',
        name: 'Office network',
        status: 'disabled',
        rule: { in: ['203.0.113.0/24'] },
        resources: [{ id: `ari:cloud:jira::site/${TINY.siteA}`, applicationStatus: 'applied' }],
      },
    },
  ]);
  // PolicyPage marks meta.next nullable: the last page says null.
  assert.deepEqual(body.meta, { next: null, page_size: 20 });
  assert.deepEqual(body.links, { self: `${h.orgV1}/policies` });
});

test('type keeps only policies of that type', async () => {
  const ip = await h.json<{ data: Policy[] }>(`${h.orgV1}/policies?type=ip-allowlist`, h.orgKey);
  assert.equal(ip.data.length, 1);
  const residency = await h.json<{ data: Policy[] }>(`${h.orgV1}/policies?type=data-residency`, h.orgKey);
  assert.deepEqual(residency.data, []);
});

test('walking the policies returns each once, and a type filter survives the walk', async () => {
  const url = `${big.orgV1}/policies`;
  const pages = await walkV1<Policy>(url, big.orgKey);
  assert.deepEqual(
    pages.map((p) => p.data.length),
    [20, 20, 2],
  );
  assert.equal(new Set(pages.flatMap((p) => p.data.map((d) => d.id))).size, BIG.policies + 1);
  assert.equal(pages[0]?.meta?.next, new URL(pages[0]?.links.next ?? '').searchParams.get('cursor'));
  assert.equal(pages[2]?.meta?.next, null);

  const residency = (await walkV1<Policy>(`${url}?type=data-residency`, big.orgKey)).flatMap((p) => p.data);
  assert.equal(residency.length, Math.floor(BIG.policies / 3));
  assert.ok(residency.every((p) => p.attributes.type === 'data-residency'));
  assert.deepEqual(residency[0]?.attributes.rule, { in: ['EU'] });
});

test('one policy is returned by id, and an unknown policy is ADMIN-404-5', async () => {
  const one = await h.json<{ data: Policy }>(
    `${h.orgV1}/policies/p0000000-0000-4000-8000-000000000001`,
    h.orgKey,
  );
  assert.equal(one.data.attributes.type, 'ip-allowlist');
  await assertAdminError(await h.get(`${h.orgV1}/policies/p-missing`, h.orgKey), 404, 'ADMIN-404-5');
});

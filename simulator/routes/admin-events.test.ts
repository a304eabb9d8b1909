import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAdminError } from '../testing/admin-errors.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { BIG, bigTenant, walkV1 } from './admin-test-tenant.ts';

const h = useHarness();
const big = useHarness({ tenant: bigTenant });

interface Event {
  id: string;
  attributes: { time: string; action: string; location?: unknown };
}
interface EventPage {
  data: Event[];
  meta: { next?: string; page_size: number };
  links: { self: string; next?: string };
}

const ids = (page: { data: Event[] }) => page.data.map((e) => e.id);

test('the audit log lists events newest first with meta.page_size', async () => {
  const page = await h.json<EventPage>(`${h.orgV1}/events`, h.orgKey);
  assert.deepEqual(ids(page), [
    'ev000000-0000-4000-8000-000000000003',
    'ev000000-0000-4000-8000-000000000002',
    'ev000000-0000-4000-8000-000000000001',
  ]);
  assert.deepEqual(page.meta, { page_size: 100 });
  assert.deepEqual(page.links, { self: `${h.orgV1}/events` });
});

test('an event carries its actor, context, container and location', async () => {
  const page = await h.json<EventPage>(`${h.orgV1}/events`, h.orgKey);
  assert.deepEqual(page.data[1], {
    id: 'ev000000-0000-4000-8000-000000000002',
    type: 'events',
    attributes: {
      time: '2026-10-27T12:00:00.000Z',
      action: 'ecosystem_app_installed',
      actor: { id: TINY.member, name: 'Mo Member', links: { self: `${h.api}/users/${TINY.member}/manage` } },
      context: [{ id: 'com.tiny.timesheets', type: 'app', attributes: { name: 'Timesheets Pro' } }],
      container: [{ id: TINY.siteA, type: 'sites', attributes: { siteHostName: 'acme.atlassian.net' } }],
      location: { ip: '198.51.100.8', geo: 'Berlin, DE' },
    },
    links: { self: `${h.orgV1}/events/ev000000-0000-4000-8000-000000000002` },
  });
  // An event without a known location has no location at all.
  assert.equal(page.data[0]?.attributes.location, undefined);
});

test('from and to narrow the log by epoch milliseconds or ISO-8601, inclusively', async () => {
  const sixDaysAgo = Date.parse('2026-10-26T12:00:00Z');
  const byEpoch = await h.json<EventPage>(`${h.orgV1}/events?from=${sixDaysAgo}`, h.orgKey);
  assert.deepEqual(ids(byEpoch), [
    'ev000000-0000-4000-8000-000000000003',
    'ev000000-0000-4000-8000-000000000002',
  ]);
  const byIso = await h.json<EventPage>(`${h.orgV1}/events?to=2026-10-27T12:00:00.000Z`, h.orgKey);
  assert.deepEqual(ids(byIso), [
    'ev000000-0000-4000-8000-000000000002',
    'ev000000-0000-4000-8000-000000000001',
  ]);
  const window = await h.json<EventPage>(`${h.orgV1}/events?from=2026-10-27&to=2026-10-28`, h.orgKey);
  assert.deepEqual(ids(window), ['ev000000-0000-4000-8000-000000000002']);
});

test('an unreadable or reversed time window is a 400 with code ADMIN-400-3', async () => {
  for (const q of [
    'from=yesterday',
    'to=2026-13-45T00:00:00Z',
    'from=12abc',
    'from=2026-10-28&to=2026-10-27',
  ]) {
    await assertAdminError(await h.get(`${h.orgV1}/events?${q}`, h.orgKey), 400, 'ADMIN-400-3', q);
  }
});

test('action keeps events of the given kinds and q searches their text', async () => {
  const installs = await h.json<EventPage>(`${h.orgV1}/events?action=ecosystem_app_installed`, h.orgKey);
  assert.deepEqual(ids(installs), ['ev000000-0000-4000-8000-000000000002']);
  const two = await h.json<EventPage>(
    `${h.orgV1}/events?action=policy_updated,user_added_to_group`,
    h.orgKey,
  );
  assert.equal(two.data.length, 2);
  const none = await h.json<EventPage>(`${h.orgV1}/events?action=no_such_action`, h.orgKey);
  assert.deepEqual(none.data, []);
  const byEmail = await h.json<EventPage>(`${h.orgV1}/events?q=MO@ACME`, h.orgKey);
  assert.deepEqual(ids(byEmail), ['ev000000-0000-4000-8000-000000000001']);
  const byActor = await h.json<EventPage>(`${h.orgV1}/events?q=Mo%20Member`, h.orgKey);
  assert.deepEqual(ids(byActor), ['ev000000-0000-4000-8000-000000000002']);
});

test('walking the audit log returns every event once, with meta.next matching links.next', async () => {
  const pages = await walkV1<Event>(`${big.orgV1}/events`, big.orgKey);
  assert.deepEqual(
    pages.map((p) => p.data.length),
    [100, 100, BIG.events + 3 - 200],
  );
  const all = pages.flatMap((p) => p.data);
  assert.equal(new Set(all.map((e) => e.id)).size, BIG.events + 3);
  const times = all.map((e) => Date.parse(e.attributes.time));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  for (const page of pages) {
    const cursor = page.links.next ? new URL(page.links.next).searchParams.get('cursor') : undefined;
    assert.equal(page.meta?.next, cursor ?? undefined);
    assert.equal(page.meta?.page_size, 100);
  }
});

test('the next link keeps the filters, so a filtered walk stays filtered', async () => {
  const from = Date.parse('2026-10-01T12:00:00Z');
  const pages = await walkV1<Event>(
    `${big.orgV1}/events?action=user_login,policy_updated&from=${from}`,
    big.orgKey,
  );
  const all = pages.flatMap((p) => p.data);
  // Synthetic events every 3 h back from now; user_login when n % 4 === 3, policy_updated when 2,
  // plus the tiny tenant's policy_updated of yesterday.
  const expected =
    1 +
    Array.from({ length: BIG.events }, (_, i) => i + 1).filter(
      (n) => (n % 4 === 3 || n % 4 === 2) && BIG.now.getTime() - n * 3 * 3_600_000 >= from,
    ).length;
  assert.ok(pages.length > 1);
  assert.equal(all.length, expected);
  assert.equal(new Set(all.map((e) => e.id)).size, expected);
  assert.ok(all.every((e) => ['user_login', 'policy_updated'].includes(e.attributes.action)));
});

test('one event is returned by id, and an unknown event is ADMIN-404-4', async () => {
  const one = await h.json<{ data: Event }>(
    `${h.orgV1}/events/ev000000-0000-4000-8000-000000000001`,
    h.orgKey,
  );
  assert.equal(one.data.attributes.action, 'user_added_to_group');
  await assertAdminError(await h.get(`${h.orgV1}/events/ev-missing`, h.orgKey), 404, 'ADMIN-404-4');
});

test('a tampered events cursor is a 400 with code ADMIN-400-1', async () => {
  await assertAdminError(await h.get(`${h.orgV1}/events?cursor=eyJvIjoiYSJ9`, h.orgKey), 400, 'ADMIN-400-1');
});

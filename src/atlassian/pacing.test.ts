import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../simulator/testing/harness.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import { biggerTenant, clientFor, counters, resetCounters, setFaults, walk } from './test-support.ts';

// The limiter learns the pace from X-RateLimit-* headers and keeps under the server's bucket:
// a long walk under a tight limit runs at the limit without collecting 429s. (Measured at
// perSecond 10 / burst 20 over 2,000 users in pages of 10: 201 calls in 18.2 s against an
// 18.1 s bound, no 429; see README.md.)

let h: Harness;
before(async () => {
  h = await startHarness({ tenant: biggerTenant(2000) });
});
after(() => h.stop());

// Atlassian documents its headers three ways over time (simulator/http/rate-limit.ts): the
// limiter must pace from each. Three walks at once go faster than the bucket refills.
for (const headers of ['atlassian', 'counts-only', 'legacy'] as const) {
  test(`parallel walks pace themselves from ${headers} headers and get at most one 429`, async () => {
    await resetCounters(h);
    await setFaults(h, { rateLimit: { perSecond: 10, burst: 10, headers } });
    const api = clientFor(h);
    const walks = await Promise.all(
      [0, 1, 2].map(() =>
        walk(
          api.pages('admin.directory.users.list', {
            params: { orgId: TINY.orgId, directoryId: '-' },
            pageSize: 100,
          }),
        ),
      ),
    );
    for (const w of walks) {
      assert.ok(w.items.length >= 2000);
      assert.equal(new Set(w.items.map((u) => u.accountId)).size, w.items.length);
    }
    const served = await counters(h);
    assert.ok(served.totalCalls > 60, 'the walks needed six times the burst of 10 calls');
    assert.ok(served.served429 <= 1, `${served.served429} 429s`);
    await api.close();
  });
}

test('counts that overstate the refill cost one 429, whose reset time sets the pace from then on', async () => {
  await resetCounters(h);
  // X-RateLimit-Limit says 20 but the bucket refills only 10 a second: the guess is twice too fast.
  await setFaults(h, { rateLimit: { perSecond: 10, burst: 20, headers: 'counts-only' } });
  const api = clientFor(h);
  const walks = await Promise.all(
    [0, 1, 2].map(() =>
      walk(
        api.pages('admin.directory.users.list', {
          params: { orgId: TINY.orgId, directoryId: '-' },
          pageSize: 100,
        }),
      ),
    ),
  );
  assert.ok(walks.every((w) => w.items.length >= 2000));
  const served = await counters(h);
  assert.ok(served.served429 <= 1, `${served.served429} 429s`);
  await api.close();
});

test('parallel walks on one host and credential share the pace and stay under the limit', async () => {
  await resetCounters(h);
  await setFaults(h, { rateLimit: { perSecond: 25, burst: 10 } });
  const api = clientFor(h);
  const walks = await Promise.all(
    [0, 1, 2].map(() =>
      walk(
        api.pages('admin.directory.users.list', {
          params: { orgId: TINY.orgId, directoryId: '-' },
          pageSize: 100,
        }),
      ),
    ),
  );
  assert.ok(walks.every((w) => w.items.length >= 2000));
  const served = await counters(h);
  assert.ok(served.served429 <= 3, `${served.served429} 429s`);
  await api.close();
});

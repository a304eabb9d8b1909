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

test('a walk under a tight rate limit paces itself and gets at most two 429s', async () => {
  await setFaults(h, { rateLimit: { perSecond: 20, burst: 20 } });
  const api = clientFor(h);
  const users = await walk(
    api.pages<{ accountId: string }>('admin.directory.users.list', {
      params: { orgId: TINY.orgId, directoryId: '-' },
      pageSize: 40,
    }),
  );
  assert.ok(users.items.length >= 2000);
  assert.equal(new Set(users.items.map((u) => u.accountId)).size, users.items.length);
  const served = await counters(h);
  assert.ok(users.tokens.length > 50, 'the walk needed well over the burst of 20 calls');
  assert.ok(served.served429 <= 2, `${served.served429} 429s`);
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

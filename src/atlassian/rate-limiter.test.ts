import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostLimiter, LimiterRegistry, limiterScope, type TenantPause } from './rate-limiter.ts';

// The limiter under a virtual clock: sleeping advances time, so each test reads as a timeline.

function virtualClock(start = 1_000_000) {
  const clock = {
    t: start,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

const signal = (limit: number, remaining: number, resetInMs: number, now: number) => ({
  limit,
  remaining,
  resetAt: now + resetInMs,
  nearLimit: remaining < limit * 0.2,
});

test('a cold limiter lets one call out until the first answer shows the budget', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  const first = await limiter.acquire();
  let secondStarted = false;
  const second = limiter.acquire().then((t) => {
    secondStarted = true;
    return t;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(secondStarted, false);
  first.settle(undefined);
  (await second).settle(undefined);
  assert.equal(secondStarted, true);
});

test('once the bucket is spent, calls go out at the refill rate the headers imply', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  // 20-call bucket, empty, full again in 2 s: it refills 10 calls a second.
  (await limiter.acquire()).settle(signal(20, 0, 2000, clock.t));
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ticket = await limiter.acquire();
    starts.push(clock.t);
    ticket.settle(undefined);
  }
  const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
  for (const gap of gaps) assert.ok(gap >= 100 && gap <= 115, `gap ${gap} ms`);
});

test('with budget left, calls are not delayed', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  (await limiter.acquire()).settle(signal(20, 15, 500, clock.t));
  const before = clock.t;
  for (let i = 0; i < 10; i++) (await limiter.acquire()).settle(undefined);
  assert.equal(clock.t, before);
});

test('a pause holds every caller until Retry-After has passed', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  (await limiter.acquire()).settle(undefined);
  limiter.pause(clock.t + 3000);
  const start = clock.t;
  const ticket = await limiter.acquire();
  assert.ok(clock.t - start >= 3000);
  ticket.settle(undefined);
});

test('NearLimit without numbers to pace by slows down for a moment', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  (await limiter.acquire()).settle({
    limit: undefined,
    remaining: undefined,
    resetAt: undefined,
    nearLimit: true,
  });
  const start = clock.t;
  (await limiter.acquire()).settle(undefined);
  assert.ok(clock.t - start >= 1000);
});

test('a caller aborted while waiting leaves without holding a slot', async () => {
  const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const limiter = new HostLimiter(clock);
  const first = await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal);
  controller.abort(new Error('stop'));
  await assert.rejects(waiting, /stop/);
  first.settle(undefined);
  (await limiter.acquire()).settle(undefined);
});

/** Starts of `n` calls, each settled at once with no headers. */
async function starts(limiter: HostLimiter, clock: { t: number }, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const ticket = await limiter.acquire();
    out.push(clock.t);
    ticket.settle(undefined);
  }
  return out;
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));

test('without a reset time, Limit and Remaining pace the calls at Limit a second once the budget is spent', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  // Atlassian's 200 answers: no X-RateLimit-Reset. 10 a second, none left.
  (await limiter.acquire()).settle({ limit: 10, remaining: 0, resetAt: undefined, nearLimit: false });
  for (const gap of gaps(await starts(limiter, clock, 5)))
    assert.ok(gap >= 100 && gap <= 110, `gap ${gap} ms`);
  assert.equal(limiter.state().guessed, true);
});

test('a guessed pace that runs into a 429 halves', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  (await limiter.acquire()).settle({ limit: 10, remaining: 0, resetAt: undefined, nearLimit: false });
  limiter.pause(clock.t + 1000);
  (await limiter.acquire()).settle({ limit: 10, remaining: 0, resetAt: undefined, nearLimit: false });
  for (const gap of gaps(await starts(limiter, clock, 4)))
    assert.ok(gap >= 200 && gap <= 220, `gap ${gap} ms`);
});

test('a structured burst policy paces at q calls per w seconds from what r says is left', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  const policy = {
    name: 'jira-burst-based',
    quota: 20,
    windowSeconds: 2,
    remaining: 3,
    resetAt: undefined,
    beta: false,
  };
  (await limiter.acquire()).settle({
    limit: 20,
    remaining: 3,
    resetAt: undefined,
    nearLimit: false,
    policies: [policy],
  });
  const times = await starts(limiter, clock, 8);
  // Three calls left go out at once, then one every 100 ms (20 per 2 s).
  assert.deepEqual(times.slice(0, 3), [times[0], times[0], times[0]]);
  for (const gap of gaps(times.slice(3))) assert.ok(gap >= 100 && gap <= 110, `gap ${gap} ms`);
  assert.equal(limiter.state().guessed, false);
});

test('an enforced quota with nothing left pauses every limiter of the tenant until its reset', async () => {
  const clock = virtualClock();
  const registry = new LimiterRegistry(clock);
  const heard: TenantPause[] = [];
  registry.tenant.subscribe((p) => heard.push(p));
  const siteA = registry.for('https://a.atlassian.net', 'basic');
  const admin = registry.for('https://api.atlassian.com', 'org-key');
  (await admin.acquire()).settle(undefined);
  const spent = {
    name: 'tenant-app-quota',
    quota: 100,
    windowSeconds: 3600,
    remaining: 0,
    resetAt: clock.t + 600_000,
    beta: false,
  };
  (await siteA.acquire()).settle({
    limit: undefined,
    remaining: undefined,
    resetAt: undefined,
    nearLimit: false,
    policies: [spent],
  });
  assert.deepEqual(heard, [{ until: spent.resetAt, detail: 'tenant-app-quota' }]);
  const before = clock.t;
  (await admin.acquire()).settle(undefined);
  assert.equal(clock.t - before, 600_000, 'the admin API waited for the site’s quota too');
});

test('a Beta quota with nothing left is informational and pauses nobody', async () => {
  const clock = virtualClock();
  const registry = new LimiterRegistry(clock);
  const limiter = registry.for('https://a.atlassian.net', 'basic');
  const beta = {
    name: 'global-app-quota',
    quota: 65000,
    windowSeconds: 3600,
    remaining: 0,
    resetAt: clock.t + 50_000,
    beta: true,
  };
  (await limiter.acquire()).settle({
    limit: undefined,
    remaining: undefined,
    resetAt: undefined,
    nearLimit: false,
    policies: [beta],
  });
  const before = clock.t;
  (await limiter.acquire()).settle(undefined);
  assert.equal(clock.t, before);
  assert.equal(registry.tenant.pausedUntil(), 0);
});

test('the tenant pause is heard once per extension, not once per caller', () => {
  const registry = new LimiterRegistry(virtualClock());
  const heard: number[] = [];
  registry.tenant.subscribe((p) => heard.push(p.until));
  registry.tenant.extend(5_000, 'jira-quota-tenant-based');
  registry.tenant.extend(4_000, 'jira-quota-tenant-based');
  registry.tenant.extend(5_000, 'jira-quota-tenant-based');
  registry.tenant.extend(9_000, 'confluence-quota-tenant-based');
  assert.deepEqual(heard, [5_000, 9_000]);
});

test('behind the 3LO gateway each site is its own limiter; elsewhere the host is', () => {
  const scope = (u: string) => limiterScope(new URL(u));
  assert.equal(
    scope('https://api.atlassian.com/ex/jira/c1/rest/api/3/myself'),
    'https://api.atlassian.com/ex/c1',
  );
  assert.equal(
    scope('https://api.atlassian.com/ex/confluence/c1/wiki/api/v2/spaces'),
    'https://api.atlassian.com/ex/c1',
    'Jira and Confluence of one site are one tenant, as on the site’s own host',
  );
  assert.notEqual(
    scope('https://api.atlassian.com/ex/jira/c2/rest/api/3/myself'),
    scope('https://api.atlassian.com/ex/jira/c1/rest/api/3/myself'),
  );
  assert.equal(scope('https://api.atlassian.com/admin/v1/orgs'), 'https://api.atlassian.com');
  assert.equal(scope('https://acme.atlassian.net/rest/api/3/myself'), 'https://acme.atlassian.net');
  const registry = new LimiterRegistry(virtualClock());
  assert.notEqual(
    registry.for(scope('https://api.atlassian.com/ex/jira/c1/x'), 'oauth'),
    registry.for(scope('https://api.atlassian.com/ex/jira/c2/x'), 'oauth'),
  );
});

test('the pace a 429’s reset time showed outlasts the answers after it that carry no reset time', async () => {
  const clock = virtualClock();
  const limiter = new HostLimiter(clock);
  // The 429: 10 spent, full again in 2 s — 5 a second, not the 10 Limit would suggest.
  (await limiter.acquire()).settle(signal(10, 0, 2000, clock.t));
  (await limiter.acquire()).settle({ limit: 10, remaining: 0, resetAt: undefined, nearLimit: false });
  for (const gap of gaps(await starts(limiter, clock, 4))) assert.ok(gap >= 230, `gap ${gap} ms`);
  assert.equal(limiter.state().guessed, false);
});

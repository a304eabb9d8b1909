import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostLimiter } from './rate-limiter.ts';

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

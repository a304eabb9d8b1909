import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeHeaders, RateLimiter } from './rate-limit.ts';

const t0 = Date.parse('2026-11-01T00:00:00Z');

test('a burst beyond the bucket is refused with Retry-After, the reset time and the reason', () => {
  const limiter = new RateLimiter();
  for (let i = 0; i < 5; i++) assert.equal(limiter.take('k', 1, 5, 'jira-burst-based', t0).allowed, true);
  const refused = limiter.take('k', 1, 5, 'jira-burst-based', t0);
  assert.equal(refused.allowed, false);
  assert.equal(refused.headers['Retry-After'], '1');
  assert.equal(refused.headers['RateLimit-Reason'], 'jira-burst-based');
  assert.equal(refused.headers['X-RateLimit-Remaining'], '0');
  assert.equal(refused.headers['X-RateLimit-Reset'], new Date(t0 + 5000).toISOString());
});

test('the bucket refills over time and each key has its own', () => {
  const limiter = new RateLimiter();
  for (let i = 0; i < 2; i++) limiter.take('a', 2, 2, 'r', t0);
  assert.equal(limiter.take('a', 2, 2, 'r', t0).allowed, false);
  assert.equal(limiter.take('b', 2, 2, 'r', t0).allowed, true);
  assert.equal(limiter.take('a', 2, 2, 'r', t0 + 600).allowed, true);
});

test('by default an answer carries the counts and the burst policy, and no reset time until a 429', () => {
  const limiter = new RateLimiter();
  const first = limiter.take('k', 10, 100, 'jira-burst-based', t0);
  assert.deepEqual(first.headers, {
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Remaining': '99',
    'RateLimit-Policy': '"jira-burst-based";q=10;w=1',
    RateLimit: '"jira-burst-based";r=99;t=1',
  });
});

test('a fractional refill rate is a whole quota over a minute', () => {
  const limiter = new RateLimiter();
  const first = limiter.take('k', 0.5, 4, 'confluence-burst-based', t0);
  assert.equal(first.headers['RateLimit-Policy'], '"confluence-burst-based";q=30;w=60');
});

test('counts-only answers say how much is left and nothing about when it refills', () => {
  const limiter = new RateLimiter();
  const first = limiter.take('k', 10, 100, 'jira-burst-based', t0, 'counts-only');
  assert.deepEqual(first.headers, { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99' });
});

test('legacy answers announce the reset time and NearLimit before the limit is hit', () => {
  const limiter = new RateLimiter();
  const first = limiter.take('k', 10, 100, 'r', t0, 'legacy');
  assert.equal(first.headers['X-RateLimit-Limit'], '100');
  assert.equal(first.headers['X-RateLimit-Remaining'], '99');
  assert.equal(first.headers['X-RateLimit-NearLimit'], undefined);
  assert.equal(first.headers['X-RateLimit-Reset'], new Date(t0 + 100).toISOString());
  for (let i = 0; i < 85; i++) limiter.take('k', 10, 100, 'r', t0, 'legacy');
  assert.equal(limiter.take('k', 10, 100, 'r', t0, 'legacy').headers['X-RateLimit-NearLimit'], 'true');
});

test('the hourly quota counts every call of the tenant and refuses the one past it until the window ends', () => {
  const limiter = new RateLimiter();
  const answers = Array.from({ length: 10 }, (_, i) =>
    limiter.spendQuota(10, 3600, true, 'jira-quota-tenant-based', t0 + i * 1000),
  );
  assert.ok(answers.every((a) => a.allowed));
  assert.equal(answers[0]?.headers['RateLimit-Policy'], '"tenant-app-quota";q=10;w=3600');
  // Well within the quota the remaining count is left out; under 20 % it is given.
  assert.equal(answers[0]?.headers.RateLimit, '"tenant-app-quota";t=3600');
  assert.equal(answers[8]?.headers.RateLimit, '"tenant-app-quota";r=1;t=3592');
  const refused = limiter.spendQuota(10, 3600, true, 'jira-quota-tenant-based', t0 + 600_000);
  assert.equal(refused.allowed, false);
  assert.equal(refused.headers['Retry-After'], '3000');
  assert.equal(refused.headers['RateLimit-Reason'], 'jira-quota-tenant-based');
  assert.equal(refused.headers['X-RateLimit-Reset'], new Date(t0 + 3_600_000).toISOString());
  assert.equal(refused.headers.RateLimit, '"tenant-app-quota";r=0;t=3000');
  // A new window starts once the hour is over.
  assert.equal(limiter.spendQuota(10, 3600, true, 'jira-quota-tenant-based', t0 + 3_600_000).allowed, true);
});

test('a quota in its Beta phase only says it would refuse, with Beta- headers', () => {
  const limiter = new RateLimiter();
  for (let i = 0; i < 3; i++) limiter.spendQuota(3, 60, false, 'jira-quota-tenant-based', t0);
  const over = limiter.spendQuota(3, 60, false, 'jira-quota-tenant-based', t0 + 10_000);
  assert.equal(over.allowed, true);
  assert.deepEqual(over.headers, {
    'Beta-RateLimit-Policy': '"tenant-app-quota";q=3;w=60',
    'Beta-RateLimit': '"tenant-app-quota";r=0;t=50',
    'Beta-Retry-After': '50',
    'X-Beta-RateLimit-Reason': 'jira-quota-tenant-based',
  });
});

test('header sets that both carry a policy join into one list', () => {
  assert.deepEqual(
    mergeHeaders(
      { 'RateLimit-Policy': '"jira-burst-based";q=10;w=1', 'X-RateLimit-Limit': '20' },
      { 'RateLimit-Policy': '"tenant-app-quota";q=100;w=3600' },
    ),
    {
      'RateLimit-Policy': '"jira-burst-based";q=10;w=1, "tenant-app-quota";q=100;w=3600',
      'X-RateLimit-Limit': '20',
    },
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from './rate-limit.ts';

test('a burst beyond the bucket is refused with Retry-After and the reason', () => {
  const limiter = new RateLimiter();
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < 5; i++) assert.equal(limiter.take('k', 1, 5, 'jira-burst-based', t0).allowed, true);
  const refused = limiter.take('k', 1, 5, 'jira-burst-based', t0);
  assert.equal(refused.allowed, false);
  assert.equal(refused.headers['Retry-After'], '1');
  assert.equal(refused.headers['RateLimit-Reason'], 'jira-burst-based');
  assert.equal(refused.headers['X-RateLimit-Remaining'], '0');
  assert.equal(refused.headers['X-RateLimit-NearLimit'], 'true');
});

test('the bucket refills over time and each key has its own', () => {
  const limiter = new RateLimiter();
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < 2; i++) limiter.take('a', 2, 2, 'r', t0);
  assert.equal(limiter.take('a', 2, 2, 'r', t0).allowed, false);
  assert.equal(limiter.take('b', 2, 2, 'r', t0).allowed, true);
  assert.equal(limiter.take('a', 2, 2, 'r', t0 + 600).allowed, true);
});

test('remaining calls and the reset time are announced before the limit is hit', () => {
  const limiter = new RateLimiter();
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const first = limiter.take('k', 10, 100, 'r', t0);
  assert.equal(first.headers['X-RateLimit-Limit'], '100');
  assert.equal(first.headers['X-RateLimit-Remaining'], '99');
  assert.equal(first.headers['X-RateLimit-NearLimit'], undefined);
  assert.equal(first.headers['X-RateLimit-Reset'], new Date(t0 + 100).toISOString());
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStructuredList, rateLimitKind, rateSignal } from './rate-headers.ts';

// Atlassian's rate-limit headers as its rate-limiting page shows them
// (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/), node's lower-cased names.

const now = Date.parse('2026-03-26T16:24:52Z');

test('the counts are read without a reset time, as Atlassian sends them outside a 429', () => {
  const signal = rateSignal({ 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '349' }, now);
  assert.equal(signal.limit, 350);
  assert.equal(signal.remaining, 349);
  assert.equal(signal.resetAt, undefined);
  assert.equal(signal.nearLimit, false);
  assert.deepEqual(signal.policies, []);
});

test('a 429 gives its reason and its reset time, minute-precise ISO included', () => {
  const signal = rateSignal(
    {
      'retry-after': '1847',
      'x-ratelimit-limit': '100000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-03-26T17:00Z',
      'ratelimit-reason': 'jira-quota-global-based',
    },
    now,
  );
  assert.equal(signal.reason, 'jira-quota-global-based');
  assert.equal(signal.resetAt, Date.parse('2026-03-26T17:00:00Z'));
});

test('the structured policies join RateLimit-Policy and RateLimit by name, several per header', () => {
  const signal = rateSignal(
    {
      'ratelimit-policy': '"global-app-quota";q=65000;w=3600,"jira-burst-based";q=100;w=1',
      ratelimit: '"global-app-quota";t=200, "jira-burst-based";r=90;t=1',
    },
    now,
  );
  assert.deepEqual(signal.policies, [
    {
      name: 'global-app-quota',
      quota: 65000,
      windowSeconds: 3600,
      remaining: undefined,
      resetAt: now + 200_000,
      beta: false,
    },
    {
      name: 'jira-burst-based',
      quota: 100,
      windowSeconds: 1,
      remaining: 90,
      resetAt: now + 1000,
      beta: false,
    },
  ]);
});

test('Beta- headers are read as informational policies beside the enforced ones', () => {
  const signal = rateSignal(
    {
      'ratelimit-policy': '"global-app-quota";q=65000;w=3600',
      ratelimit: '"global-app-quota";t=200',
      'beta-ratelimit-policy': '"jira-burst-based";q=100;w=1',
      'beta-ratelimit': '"jira-burst-based";r=90;t=1',
    },
    now,
  );
  assert.deepEqual(
    signal.policies?.map((p) => [p.name, p.beta, p.remaining ?? null]),
    [
      ['global-app-quota', false, null],
      ['jira-burst-based', true, 90],
    ],
  );
});

test('a repeated header is one list, and unreadable members or parameters are skipped, never thrown', () => {
  const signal = rateSignal(
    { ratelimit: ['"tenant-app-quota";r=0;t=50', '"jira-burst-based";r=;t=x;q=5'] },
    now,
  );
  assert.deepEqual(
    signal.policies?.map((p) => [p.name, p.remaining ?? null, p.resetAt ?? null]),
    [
      ['tenant-app-quota', 0, now + 50_000],
      ['jira-burst-based', null, null],
    ],
  );
  assert.deepEqual(parseStructuredList(',,"";q=1, ;w=2, "a,b";q=3'), [{ name: 'a,b', params: { q: 3 } }]);
});

test('each RateLimit-Reason names one of the three limits, the one seen live as conf-global-based too', () => {
  assert.equal(rateLimitKind('jira-quota-tenant-based'), 'quota');
  assert.equal(rateLimitKind('confluence-quota-global-based'), 'quota');
  assert.equal(rateLimitKind('conf-global-based'), 'quota');
  assert.equal(rateLimitKind('global-app-quota'), 'quota');
  assert.equal(rateLimitKind('jira-burst-based'), 'burst');
  assert.equal(rateLimitKind('jira-per-issue-on-write'), 'per-issue');
  assert.equal(rateLimitKind('something-new'), 'unknown');
  assert.equal(rateLimitKind(undefined), 'unknown');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { daysAgo, orgUser } from '../accounts/test-records.ts';
import { rule } from './org_no_expiring_api_credentials.rule.ts';

type Tokens = DatasetRecord<'org.api-tokens'>;
type Token = Tokens['tokens'][number];
type Key = DatasetRecord<'org.api-keys'>;

/** A token created 60 days ago, used yesterday, expiring in `expiresInDays` (null: never). */
function token(id: string, expiresInDays: number | null): Token {
  return {
    id,
    label: id.toUpperCase(),
    createdAt: daysAgo(60),
    lastAccess: daysAgo(1),
    expiry: expiresInDays === null ? null : daysAgo(-expiresInDays),
    scopes: [],
  };
}

function key(id: string, expiresInDays: number | null): Key {
  return {
    id,
    label: `Key ${id}`,
    createdAt: daysAgo(30),
    expiresAt: expiresInDays === null ? null : daysAgo(-expiresInDays),
    lastActiveAt: daysAgo(0),
    scopes: ['read:directories:admin'],
    creatorId: 'ada',
    creatorName: 'Ada',
  };
}

const healthy: Tokens[] = [
  { accountId: 'ada', tokens: [token('cli', 200), token('never', null)], palisadeAccount: true },
  { accountId: 'ben', tokens: [token('old', -5)] },
];

test('tokens and keys that expire after the warning window, never or already pass', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.api-tokens': healthy, 'org.api-keys': [key('k1', 90), key('k2', -1)] } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'None of the 1 valid API tokens of the 2 accounts read, nor the 1 valid org API keys, expires within 30 days.',
  );
});

test("a token expiring within 30 days fails; Palisade's own is named as such, with what happens if it lapses", () => {
  const records: Tokens[] = [
    { accountId: 'ada', tokens: [token('scan', 12)], palisadeAccount: true },
    { accountId: 'ben', tokens: [token('ci', 29), token('later', 31)] },
  ];
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.api-tokens': records,
        'org.api-keys': [],
        'org.users': [orgUser('ada'), orgUser('ben')],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'scan'],
    ['fail', 'ci'],
  ]);
  assert.equal(
    results[0]?.message,
    'API token SCAN (Ada) — the token Palisade scans with — expires in 12 days, on 2025-06-13: renew it and update Palisade’s connection, or scans will stop.',
  );
  assert.equal(
    results[1]?.message,
    'API token CI (Ben) expires in 29 days, on 2025-06-30: renew it before what uses it breaks.',
  );
  assert.equal(results[0]?.evidence?.palisade, true);
});

test('when the account Palisade scans with holds several tokens, an expiring one is named as one of them', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.api-tokens': [
          { accountId: 'ada', tokens: [token('a', 5), token('b', 300)], palisadeAccount: true },
        ],
        'org.api-keys': [],
      },
    }),
  );
  assert.match(results[0]?.message ?? '', /— one of the 2 tokens of the account Palisade scans with —/);
});

test('an org API key expiring within the window fails, and the window is a setting', () => {
  const datasets = { 'org.api-tokens': healthy, 'org.api-keys': [key('k1', 45)] };
  assert.deepEqual(verdicts(runRule(rule, testSnapshot({ datasets }))), [['pass', 'org-1']]);
  const results = runRule(rule, testSnapshot({ datasets }), {
    settings: { org_no_expiring_api_credentials: { warningDays: 60 } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'k1']]);
  assert.equal(results[0]?.resource.type, 'api-key');
  assert.match(results[0]?.message ?? '', /^Org API key Key k1 expires in 45 days, on 2025-07-16/);
});

test('org API keys the key may not read make the org unknown, never a pass; expiring tokens still fail', () => {
  const forbidden = {
    'org.api-keys': { status: 'forbidden' as const, missingScope: 'read:keys:admin', reason: null },
  };
  const clean = runRule(rule, testSnapshot({ datasets: { 'org.api-tokens': healthy }, outcomes: forbidden }));
  assert.deepEqual(verdicts(clean), [['unknown', 'org-1']]);
  const expiring = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.api-tokens': [{ accountId: 'ben', tokens: [token('ci', 3)] }] },
      outcomes: forbidden,
    }),
  );
  assert.deepEqual(verdicts(expiring), [
    ['fail', 'ci'],
    ['unknown', 'org-1'],
  ]);
});

test('tokens read for privileged accounts only cannot pass; tokens that may not be read make the check unknown', () => {
  const partial = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.api-tokens': healthy, 'org.api-keys': [] },
      outcomes: { 'org.api-tokens': { status: 'partial', reason: 'privileged accounts only' } },
    }),
  );
  assert.deepEqual(verdicts(partial), [['unknown', 'org-1']]);
  const forbidden = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'org.api-tokens': { status: 'forbidden', missingScope: 'read:tokens:admin', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(forbidden), [['unknown', 'org-1']]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { daysAgo, orgUser } from '../accounts/test-records.ts';
import { rule } from './org_no_stale_api_tokens.rule.ts';

type Tokens = DatasetRecord<'org.api-tokens'>;
type Token = Tokens['tokens'][number];

function token(id: string, created: number, lastUsed: number | null, expiresInDays = 200): Token {
  return {
    id,
    label: id.toUpperCase(),
    createdAt: daysAgo(created),
    lastAccess: lastUsed === null ? null : daysAgo(lastUsed),
    expiry: daysAgo(-expiresInDays),
  };
}

const records: Tokens[] = [
  { accountId: 'ada', tokens: [token('cli', 40, 1), token('ci', 300, 200), token('fresh', 2, null)] },
  { accountId: 'ben', tokens: [token('script', 120, null), token('dead', 500, 400, -30)] },
  { accountId: 'cy', tokens: [] },
];

test('tokens used in the last 90 days, and new ones not used yet, pass', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.api-tokens': [records[0] as Tokens].map((r) => ({
          ...r,
          tokens: r.tokens.filter((t) => t.id !== 'ci'),
        })),
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'All 2 unexpired API tokens of the 1 accounts read were used in the last 90 days.',
  );
});

test('a token idle for 200 days and one never used fail, named with their owner; expired tokens are not judged', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.api-tokens': records, 'org.users': [orgUser('ada'), orgUser('ben')] } }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'ci'],
    ['fail', 'script'],
  ]);
  assert.equal(results[0]?.message, 'CI (Ada) was last used 200 days ago.');
  assert.equal(results[1]?.message, 'SCRIPT (Ben) has never been used in the 120 days since it was created.');
});

test('the limits are settings', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.api-tokens': records } }), {
    settings: { org_no_stale_api_tokens: { maxUnusedDays: 365, neverUsedGraceDays: 0 } },
  });
  assert.deepEqual(verdicts(results), [
    ['fail', 'fresh'],
    ['fail', 'script'],
  ]);
});

test('tokens read for privileged accounts only cannot pass, but the stale tokens they show still fail', () => {
  const partial = {
    'org.api-tokens': {
      status: 'partial' as const,
      reason: 'API tokens read for 3 privileged accounts only',
    },
  };
  const clean = runRule(
    rule,
    testSnapshot({ datasets: { 'org.api-tokens': [records[2] as Tokens] }, outcomes: partial }),
  );
  assert.deepEqual(verdicts(clean), [['unknown', 'org-1']]);
  assert.equal(clean[0]?.reasons?.[0]?.code, 'dataset_partial');
  const stale = runRule(rule, testSnapshot({ datasets: { 'org.api-tokens': records }, outcomes: partial }));
  assert.deepEqual(verdicts(stale), [
    ['fail', 'ci'],
    ['fail', 'script'],
  ]);
});

test('tokens a scoped org API key may not read make the check unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'org.api-tokens': { status: 'forbidden', missingScope: null, reason: 'scoped keys get 403' },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuleMeta } from '../rules/rule-meta.ts';
import { postureScores, ruleVerdict, scoreResults } from './posture-score.ts';
import { result, scopeUnknown } from './testing/result-fixture.ts';

type Scored = Pick<RuleMeta, 'id' | 'severity' | 'area'>;
const rules: Scored[] = [
  { id: 'crit_org', severity: 'critical', area: 'identity' },
  { id: 'high_jira', severity: 'high', area: 'jira' },
  { id: 'med_conf', severity: 'medium', area: 'confluence' },
  { id: 'low_org', severity: 'low', area: 'accounts' },
];

test('a rule fails if any of its resources fails, and is unknown if any is unknown and none fails', () => {
  assert.equal(ruleVerdict(['pass', 'fail', 'unknown']), 'fail');
  assert.equal(ruleVerdict(['pass', 'unknown']), 'unknown');
  assert.equal(ruleVerdict(['pass', 'excepted']), 'pass');
  assert.equal(ruleVerdict(['excepted']), 'excepted');
  assert.equal(ruleVerdict(['not_applicable']), 'not_applicable');
});

test('the score is the severity-weighted share of rules met', () => {
  const score = scoreResults(
    [
      result('crit_org', 'o', 'pass'),
      result('high_jira', 'p1', 'pass'),
      result('high_jira', 'p2', 'fail'),
      result('low_org', 'o', 'pass'),
    ],
    rules,
  );
  // critical 10 earned, high 6 lost, low 1 earned: 11 / 17.
  assert.deepEqual(score, {
    score: 65,
    earned: 11,
    possible: 17,
    rules: { pass: 2, fail: 1, unknown: 0, excepted: 0, not_applicable: 0 },
  });
});

test('unknown rules count against the score; excepted and not applicable rules are left out', () => {
  const score = scoreResults(
    [
      scopeUnknown('crit_org'),
      result('high_jira', 'p1', 'excepted'),
      result('med_conf', 's', 'not_applicable'),
      result('low_org', 'o', 'pass'),
    ],
    rules,
  );
  assert.deepEqual([score.score, score.earned, score.possible], [9, 1, 11]);
  assert.deepEqual(score.rules, { pass: 1, fail: 0, unknown: 1, excepted: 1, not_applicable: 1 });
});

test('with nothing counted there is no score rather than a perfect one', () => {
  assert.equal(scoreResults([result('med_conf', 's', 'not_applicable')], rules).score, null);
  assert.equal(scoreResults([], rules).score, null);
});

test('scores are given for the organization, each site and each product', () => {
  const scores = postureScores(
    [
      result('crit_org', 'o', 'pass'),
      result('high_jira', 'p1', 'fail', { scope: 'site-a' }),
      result('high_jira', 'p1', 'pass', { scope: 'site-b' }),
      result('med_conf', 's1', 'pass', { scope: 'site-a' }),
    ],
    rules,
  );
  assert.equal(scores.org.score, Math.round((100 * 13) / 19));
  assert.deepEqual(Object.fromEntries(Object.entries(scores.sites).map(([site, s]) => [site, s.score])), {
    'site-a': 33,
    'site-b': 100,
  });
  assert.deepEqual(
    Object.fromEntries(Object.entries(scores.products).map(([product, s]) => [product, s.score])),
    { org: 100, jira: 0, confluence: 100 },
  );
});

test('results of rules the catalogue no longer has are ignored', () => {
  assert.equal(scoreResults([result('retired_rule', 'x', 'fail')], rules).score, null);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_no_unlicensed_space_access.rule.ts';
import { grant, space } from './space-fixtures.ts';

const eng = space('ENG', [grant('read/space', 'group', 'confluence-users-acme')]);
const kb = space('KB', [
  grant('read/space', 'group', 'confluence-users-acme'),
  grant('read/space', 'unlicensed'),
]);
const forum = space('FORUM', [grant('read/space', 'unlicensed'), grant('create/comment', 'unlicensed')]);

test('spaces without unlicensed access pass', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': [eng] } }));
  assert.deepEqual(verdicts(results), [['pass', 'ENG']]);
});

test('a space open to unlicensed users fails by default, even a knowledge base nobody declared', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': [eng, kb] } }));
  assert.deepEqual(verdicts(results), [
    ['pass', 'ENG'],
    ['fail', 'KB'],
  ]);
  assert.equal(
    results[1]?.message,
    'KB grants read/space to unlicensed users (portal customers and anyone logged in).',
  );
});

test('a declared knowledge base passes while unlicensed users only read it, and fails once they can write', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': [kb, forum] } }), {
    settings: { conf_no_unlicensed_space_access: { knowledgeBaseSpaces: ['KB', 'FORUM'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'KB'],
    ['fail', 'FORUM'],
  ]);
  assert.equal(
    results[1]?.message,
    'FORUM is a declared knowledge base but lets unlicensed users create/comment.',
  );
});

test('space permissions that could not be read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ outcomes: { 'confluence.spaces': { status: 'not_collected', reason: null } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_not_collected');
});

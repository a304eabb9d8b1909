import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_no_anonymous_space_access.rule.ts';
import { grant, space } from './space-fixtures.ts';

const eng = space('ENG', [
  grant('read/space', 'group', 'confluence-users-acme'),
  grant('create/page', 'group', 'confluence-users-acme'),
]);
const docs = space('DOCS', [
  grant('read/space', 'group', 'confluence-users-acme'),
  grant('read/space', 'anonymous'),
]);
const wiki = space('WIKI', [grant('read/space', 'anonymous'), grant('create/page', 'anonymous')]);

test('spaces without an anonymous grant pass', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': [eng] } }));
  assert.deepEqual(verdicts(results), [['pass', 'ENG']]);
});

test('a space readable anonymously fails, and the probe says it is readable right now', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'confluence.spaces': [eng, docs],
        'confluence.anonymous': [{ siteAccess: true, operations: [], visibleSpaceKeys: ['DOCS'] }],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'ENG'],
    ['fail', 'DOCS'],
  ]);
  assert.equal(
    results[1]?.message,
    'DOCS grants read/space to anonymous users; an anonymous visitor can read it right now.',
  );
});

test('an anonymous grant fails even while site anonymous access is off: it is one toggle from public', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'confluence.spaces': [docs],
        'confluence.anonymous': [{ siteAccess: false, operations: [], visibleSpaceKeys: [] }],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'DOCS']]);
  assert.match(results[0]?.message ?? '', /dormant while anonymous access to the site is off/);
});

test('a refused anonymous listing says nothing about what is readable now', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'confluence.spaces': [docs],
        'confluence.anonymous': [
          { siteAccess: true, operations: [], visibleSpaceKeys: [], anonymousRefused: true },
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'DOCS']]);
  assert.equal(results[0]?.message, 'DOCS grants read/space to anonymous users.');
  assert.equal(results[0]?.evidence?.readableAnonymouslyNow, null);
});

test('a declared public space may be read anonymously but not written', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': [docs, wiki] } }), {
    settings: { conf_no_anonymous_space_access: { publicSpaces: ['docs', 'WIKI'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'DOCS'],
    ['fail', 'WIKI'],
  ]);
  assert.equal(results[1]?.message, 'WIKI is a declared public space but lets anonymous users create/page.');
});

test('space permissions the credential may not read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'confluence.spaces': { status: 'forbidden', missingScope: 'read:space:confluence', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
});

test('an anonymous grant found in a partly read space list still fails, while a pass there would be unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'confluence.spaces': [eng, docs] },
      outcomes: { 'confluence.spaces': { status: 'partial', reason: 'page 3 failed' } },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', 'ENG'],
    ['fail', 'DOCS'],
  ]);
});

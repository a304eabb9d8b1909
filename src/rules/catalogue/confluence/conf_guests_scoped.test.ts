import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_guests_scoped.rule.ts';
import { grant, space } from './space-fixtures.ts';

type Guests = SubjectValue<'attested.confluence-guests'>;

const spaces = [
  space('PARTNER', [grant('read/space', 'user', 'g-ann'), grant('create/page', 'user', 'g-bob')]),
  space('ENG', [grant('read/space', 'user', 'g-bob')]),
];

function run(guests: Guests['guests']) {
  return runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': spaces } }), {
    attestations: [testAttestation('attested.confluence-guests', { guests }, { scope: TEST_SITE.cloudId })],
  });
}

test('a reviewed guest holding access only to their own space passes', () => {
  const results = run([{ accountId: 'g-ann', name: 'Ann Partner', spaces: ['PARTNER'], stillNeeded: true }]);
  assert.deepEqual(verdicts(results), [['pass', 'g-ann']]);
});

test('a guest granted a second space fails, naming it; a guest nobody vouches for fails too', () => {
  const results = run([
    { accountId: 'g-bob', name: 'Bob Vendor', spaces: ['partner'], stillNeeded: true },
    { accountId: 'g-cy', name: 'Cy Former', spaces: ['PARTNER'], stillNeeded: false },
  ]);
  assert.deepEqual(verdicts(results), [
    ['fail', 'g-bob'],
    ['fail', 'g-cy'],
  ]);
  assert.equal(results[0]?.message, 'Bob Vendor holds access to spaces that are not theirs: ENG.');
  assert.equal(results[1]?.message, 'Cy Former no longer needs access but is still a guest.');
});

test('an attested review with no guests passes the site', () => {
  assert.deepEqual(verdicts(run([])), [['pass', TEST_SITE.cloudId]]);
});

test('with no review on record the check is unknown', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.spaces': spaces } }));
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

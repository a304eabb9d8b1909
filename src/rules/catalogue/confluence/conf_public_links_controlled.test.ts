import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_public_links_controlled.rule.ts';

type Links = SubjectValue<'attested.confluence-public-links'>;

function attested(value: Links) {
  return {
    attestations: [testAttestation('attested.confluence-public-links', value, { scope: TEST_SITE.cloudId })],
  };
}

const allowed: Links = {
  siteAllowed: true,
  spaces: [
    { key: 'HR', status: 'blocked' },
    { key: 'SEC', status: 'not-allowed' },
    { key: 'ENG', status: 'allowed' },
  ],
};

test('a site that disallows public links passes', () => {
  const results = runRule(rule, testSnapshot(), attested({ siteAllowed: false }));
  assert.deepEqual(verdicts(results), [['pass', TEST_SITE.cloudId]]);
});

test('a site that allows public links with no sensitive space declared fails', () => {
  const results = runRule(rule, testSnapshot(), attested(allowed));
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
});

test('on Premium a sensitive space passes only when blocked; "not allowed" can be undone by its admins', () => {
  const results = runRule(rule, testSnapshot(), {
    ...attested(allowed),
    settings: { conf_public_links_controlled: { sensitiveSpaces: ['HR', 'SEC', 'ENG', 'LEGAL'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'HR'],
    ['fail', 'SEC'],
    ['fail', 'ENG'],
    ['unknown', 'LEGAL'],
  ]);
  assert.equal(
    results[1]?.message,
    'SEC does not allow public links, but its space admins can re-allow them.',
  );
});

test('on Standard, where blocking does not exist, "not allowed" is enough', () => {
  const standard = testSnapshot({ sites: [{ ...TEST_SITE, products: { confluence: 'standard' } }] });
  const results = runRule(rule, standard, {
    ...attested(allowed),
    settings: { conf_public_links_controlled: { sensitiveSpaces: ['SEC'] } },
  });
  assert.deepEqual(verdicts(results), [['pass', 'SEC']]);
});

test('without an attestation the check is unknown, and a Free site has no public links at all', () => {
  assert.equal(runRule(rule, testSnapshot())[0]?.reasons?.[0]?.code, 'attestation_missing');
  const free = testSnapshot({ sites: [{ ...TEST_SITE, products: { confluence: 'free' } }] });
  assert.deepEqual(verdicts(runRule(rule, free, attested(allowed))), [['not_applicable', TEST_SITE.cloudId]]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_anonymous_enforced_sitewide.rule.ts';

function attested(siteLevelControl?: 'enforced' | 'not-enforced' | 'unavailable') {
  return {
    attestations: [
      testAttestation(
        'attested.confluence-anonymous-access',
        siteLevelControl ? { siteLevelControl } : { viewUserProfiles: false },
        { scope: TEST_SITE.cloudId },
      ),
    ],
  };
}

test('an attested enforced site-level control passes', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested('enforced'))), [
    ['pass', TEST_SITE.cloudId],
  ]);
});

test('a site where spaces may still override anonymous access fails', () => {
  const results = runRule(rule, testSnapshot(), attested('not-enforced'));
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
});

test('a site not yet on role-based access lacks the control and is not applicable', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested('unavailable'))), [
    ['not_applicable', TEST_SITE.cloudId],
  ]);
});

test('an attestation silent on the control, or none at all, leaves the site unknown', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested())), [['unknown', TEST_SITE.cloudId]]);
  const none = runRule(rule, testSnapshot());
  assert.equal(none[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('a Free Confluence site has no such control', () => {
  const results = runRule(
    rule,
    testSnapshot({ sites: [{ ...TEST_SITE, products: { confluence: 'free' } }] }),
    attested('not-enforced'),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', TEST_SITE.cloudId]]);
});

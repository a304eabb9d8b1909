import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_no_active_public_links.rule.ts';

type Links = SubjectValue<'attested.confluence-public-links'>;

function attested(value: Links) {
  return {
    attestations: [testAttestation('attested.confluence-public-links', value, { scope: TEST_SITE.cloudId })],
  };
}

const live: Links = {
  siteAllowed: true,
  activeLinks: [
    { space: 'DOCS', page: 'Release notes 4.2', approved: true },
    { space: 'ENG', page: 'Incident 2025-03 postmortem', approved: false },
    { space: 'ENG', page: 'Public API changelog', approved: true },
  ],
};

test('no active link, or public links disallowed, passes the site', () => {
  assert.deepEqual(
    verdicts(runRule(rule, testSnapshot(), attested({ siteAllowed: true, activeLinks: [] }))),
    [['pass', TEST_SITE.cloudId]],
  );
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested({ siteAllowed: false }))), [
    ['pass', TEST_SITE.cloudId],
  ]);
});

test('a space with a link nobody approved fails, naming the page; approved links pass their space', () => {
  const results = runRule(rule, testSnapshot(), attested(live));
  assert.deepEqual(verdicts(results), [
    ['pass', 'DOCS'],
    ['fail', 'ENG'],
  ]);
  assert.equal(results[1]?.message, 'ENG has public links nobody approved: Incident 2025-03 postmortem.');
});

test('links in a space declared public pass without a page-by-page approval', () => {
  const results = runRule(rule, testSnapshot(), {
    ...attested(live),
    settings: { conf_no_active_public_links: { publicSpaces: ['eng'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'DOCS'],
    ['pass', 'ENG'],
  ]);
});

test('an attestation that allows links but does not list them is unknown; no attestation is unknown too', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested({ siteAllowed: true }))), [
    ['unknown', TEST_SITE.cloudId],
  ]);
  assert.equal(runRule(rule, testSnapshot())[0]?.reasons?.[0]?.code, 'attestation_missing');
});

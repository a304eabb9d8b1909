import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_approved_domains_safe.rule.ts';
import { domain } from './test-records.ts';

const snapshot = testSnapshot({
  datasets: { 'org.domains': [domain('acme.example'), domain('acme-labs.example', false)] },
});

function run(domains: SubjectValue<'attested.approved-domains'>['domains'], settings: object = {}) {
  return runRule(rule, snapshot, {
    attestations: [testAttestation('attested.approved-domains', { domains })],
    settings: { org_approved_domains_safe: settings },
  });
}

test('an approved verified company domain passes, and no approved domain at all passes', () => {
  assert.deepEqual(verdicts(run([{ domain: 'Acme.example' }])), [['pass', 'acme.example']]);
  assert.deepEqual(verdicts(run([])), [['pass', 'org-1']]);
});

test('an approved public e-mail provider fails even with admin approval', () => {
  const results = run([{ domain: 'gmail.com', adminApprovalRequired: true }]);
  assert.deepEqual(verdicts(results), [['fail', 'gmail.com']]);
  assert.equal(
    results[0]?.message,
    'gmail.com is a public e-mail provider: anyone can create an address there and join.',
  );
});

test('an unverified domain fails unless admin approval is required for it', () => {
  assert.deepEqual(verdicts(run([{ domain: 'acme-labs.example' }])), [['fail', 'acme-labs.example']]);
  assert.deepEqual(verdicts(run([{ domain: 'client.example', adminApprovalRequired: true }])), [
    ['pass', 'client.example'],
  ]);
});

test('regional providers added in the settings count as public', () => {
  assert.deepEqual(
    verdicts(
      run([{ domain: 'seznam.cz', adminApprovalRequired: true }], { extraPublicDomains: ['seznam.cz'] }),
    ),
    [['fail', 'seznam.cz']],
  );
});

test('without an attestation the check is unknown: no public API reads approved domains', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('an approved domain whose verification the admin API did not give is unknown, not a fail', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': [{ ...domain('acme-labs.example', false), status: 'unknown' }] },
    }),
    {
      attestations: [
        testAttestation('attested.approved-domains', { domains: [{ domain: 'acme-labs.example' }] }),
      ],
    },
  );
  assert.deepEqual(verdicts(results), [['unknown', 'acme-labs.example']]);
});

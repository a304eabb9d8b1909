import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_sso_enforced.rule.ts';

type Policies = SubjectValue<'attested.authentication-policies'>;

const hardened: Policies = {
  policies: [
    { name: 'Employees', isDefault: true, members: 950, ssoEnforced: true },
    { name: 'Contractors', isDefault: false, members: 40, ssoEnforced: true },
  ],
};

const withGap: Policies = {
  policies: [
    { name: 'Employees', isDefault: true, members: 950, ssoEnforced: true },
    { name: 'Legacy', isDefault: false, members: 12, ssoEnforced: false },
    { name: 'Break glass', isDefault: false, members: 2, ssoEnforced: false },
    { name: 'Unused', isDefault: false, members: 0, ssoEnforced: false },
  ],
};

test('an attestation where every policy enforces SSO passes each policy', () => {
  const attestation = testAttestation('attested.authentication-policies', hardened);
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [
    ['pass', 'Employees'],
    ['pass', 'Contractors'],
  ]);
  assert.equal(
    results[0]?.attestations?.[0]?.id,
    attestation.id,
    'the result says whose attestation it rests on',
  );
  assert.equal(results[0]?.attestations?.[0]?.author, 'Ada Admin');
});

test('a policy with members and no SSO fails; the declared break-glass policy and an empty one do not', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.authentication-policies', withGap)],
    settings: { org_sso_enforced: { breakGlassPolicies: ['Break glass'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'Employees'],
    ['fail', 'Legacy'],
    ['not_applicable', 'Break glass'],
    ['pass', 'Unused'],
  ]);
  assert.equal(results[1]?.message, 'Legacy does not enforce SSO (12 members).');
});

test('without the break-glass setting, the break-glass policy fails like any other', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.authentication-policies', withGap)],
  });
  assert.equal(results.find((r) => r.resource.id === 'Break glass')?.status, 'fail');
});

test('a default policy without SSO fails even when it is empty, since new accounts land in it', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.authentication-policies', {
        policies: [{ name: 'Default', isDefault: true, members: 0, ssoEnforced: false }],
      }),
    ],
  });
  assert.deepEqual(verdicts(results), [['fail', 'Default']]);
});

test('with no attestation the check is unknown: no public API reads authentication policies', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
  assert.match(results[0]?.message ?? '', /No public API/);
});

test('an expired attestation turns the check back to unknown', () => {
  const attestation = testAttestation('attested.authentication-policies', hardened, {
    attestedAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2025-04-01T00:00:00.000Z',
  });
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_expired');
});

test('an organization without Atlassian Guard has no SSO enforcement to check', () => {
  const results = runRule(rule, testSnapshot({ org: { guard: 'none' } }), {
    attestations: [testAttestation('attested.authentication-policies', hardened)],
  });
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});

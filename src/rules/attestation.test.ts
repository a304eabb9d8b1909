import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupAttestation, parseAttestation } from './attestation.ts';
import { RuleEngineError } from './errors.ts';
import { TEST_NOW, testAttestation } from './testing/test-snapshot.ts';

const submitted = {
  id: 'att-1',
  subject: 'attested.external-user-policy',
  scope: 'org',
  value: { enabled: true, verification: 'email-otp', reverifyEveryDays: 7, apiAccessBlocked: true },
  evidence: { note: 'Checked the External users page.', url: 'https://tickets.example.com/SEC-1' },
  author: { id: 'u-1', name: 'Ada Admin' },
  attestedAt: '2025-06-01T00:00:00.000Z',
  expiresAt: '2025-09-01T00:00:00.000Z',
};

test('a complete attestation with evidence, author and expiry is accepted', () => {
  assert.deepEqual(parseAttestation(submitted), submitted);
});

test('an attestation without an evidence note is refused', () => {
  assert.throws(
    () => parseAttestation({ ...submitted, evidence: { note: '' } }),
    (e: unknown) => e instanceof RuleEngineError && e.code === 'invalid_attestation',
  );
});

test('an attestation whose value does not fit the setting’s form is refused, naming the field', () => {
  assert.throws(
    () => parseAttestation({ ...submitted, value: { enabled: 'yes' } }),
    (e: unknown) => e instanceof RuleEngineError && /value/.test(e.message) && /enabled/.test(e.message),
  );
});

test('an attestation that expires before it was made is refused', () => {
  assert.throws(() => parseAttestation({ ...submitted, expiresAt: submitted.attestedAt }), /expiresAt/);
});

test('an attestation for a setting Palisade does not know is refused', () => {
  assert.throws(() => parseAttestation({ ...submitted, subject: 'attested.coffee-policy' }), RuleEngineError);
});

test('the latest attestation per setting and scope counts; other scopes and settings are ignored', () => {
  const value = { mobileAppPolicyConfigured: true };
  const org = testAttestation('attested.mobile-policy', value, { attestedAt: '2025-05-01T00:00:00.000Z' });
  const later = testAttestation('attested.mobile-policy', value);
  const site = testAttestation('attested.mobile-policy', value, {
    scope: 'cloud-acme',
    attestedAt: '2025-05-31T13:00:00.000Z',
  });
  const found = lookupAttestation([org, later, site], 'attested.mobile-policy', 'org', TEST_NOW);
  assert.equal(found.status === 'current' && found.attestation.id, later.id);
  assert.equal(lookupAttestation([site], 'attested.external-user-policy', 'org', TEST_NOW).status, 'missing');
});

test('an attestation is expired from the moment its expiry is reached', () => {
  const a = testAttestation(
    'attested.mobile-policy',
    { mobileAppPolicyConfigured: true },
    {
      expiresAt: TEST_NOW.toISOString(),
    },
  );
  assert.equal(lookupAttestation([a], 'attested.mobile-policy', 'org', TEST_NOW).status, 'expired');
  assert.equal(
    lookupAttestation([a], 'attested.mobile-policy', 'org', new Date(TEST_NOW.getTime() - 1)).status,
    'current',
  );
});

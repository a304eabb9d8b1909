import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation } from '../../testing/test-snapshot.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot } from './test-records.ts';

/** The behaviour of an idle session rule made by sessionTimeoutRule, for one product. */
export function sessionTimeoutCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const attested = (idleTimeoutMinutes: number, scope = site) =>
    testAttestation('attested.dc-session-timeout', { idleTimeoutMinutes }, { scope });
  const run = (attestations: ReturnType<typeof attested>[], settings?: object) =>
    runRule(rule, dcSnapshot(p), { attestations, settings: settings ? { [rule.meta.id]: settings } : {} });

  test(`an attested 60-minute ${p.name} idle timeout passes, naming who attested it`, () => {
    const results = run([attested(60)]);
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(
      results[0]?.message,
      `Idle ${p.name} sessions end after 60 minutes (attested by Ada Admin).`,
    );
    assert.equal(results[0]?.attestations?.[0]?.subject, 'attested.dc-session-timeout');
  });

  test('an attested 300-minute timeout fails; the limit is a setting', () => {
    assert.deepEqual(verdicts(run([attested(300)])), [['fail', site]]);
    assert.deepEqual(verdicts(run([attested(300)], { maxIdleMinutes: 300 })), [['pass', site]]);
  });

  test('without an attestation for this site the timeout is unknown', () => {
    const results = run([attested(60, 'another-site')]);
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
  });

  test('an expired attestation is unknown, never a pass', () => {
    const expired = testAttestation(
      'attested.dc-session-timeout',
      { idleTimeoutMinutes: 30 },
      { scope: site, attestedAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-03-01T00:00:00.000Z' },
    );
    const results = run([expired]);
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_expired');
  });
}

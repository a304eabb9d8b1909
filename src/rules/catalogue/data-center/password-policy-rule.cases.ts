import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot } from './test-records.ts';

type Policy = DatasetRecord<'dc.password-policy'>;

/** The behaviour of a password policy rule made by passwordPolicyRule, for one product. */
export function passwordPolicyCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const policy = (fields: Partial<Policy>): Policy => ({
    product: p.product,
    enabled: true,
    level: 'custom',
    minimumLength: 14,
    minimumUppercase: 1,
    minimumLowercase: 1,
    minimumDigits: 1,
    minimumSpecial: 0,
    ...fields,
  });
  const run = (fields: Partial<Policy>, settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.password-policy': [policy(fields)] } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`a ${p.name} policy requiring 14 characters passes`, () => {
    const results = run({});
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(results[0]?.message, 'The password policy (custom) requires at least 14 characters.');
  });

  test('no password policy fails', () => {
    const results = run({ enabled: false, level: 'disabled', minimumLength: null });
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.equal(results[0]?.message, `${p.name} enforces no password policy (disabled).`);
  });

  test('a policy allowing 8-character passwords fails; the minimum is a setting', () => {
    assert.deepEqual(verdicts(run({ minimumLength: 8, level: 'secure' })), [['fail', site]]);
    assert.deepEqual(verdicts(run({ minimumLength: 8 }, { minimumLength: 8 })), [['pass', site]]);
  });

  test('a policy whose state or length was not reported is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run({ enabled: null })), [['unknown', site]]);
    assert.deepEqual(verdicts(run({ minimumLength: null })), [['unknown', site]]);
  });

  test('no policy record for the product is unknown', () => {
    const results = runRule(rule, dcSnapshot(p, { datasets: { 'dc.password-policy': [] } }));
    assert.deepEqual(verdicts(results), [['unknown', site]]);
  });
}

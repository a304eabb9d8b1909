import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot } from './test-records.ts';

type TokenPolicy = DatasetRecord<'dc.access-token-policy'>;

/** The behaviour of a token expiry rule made by patExpiryRule, for one product. */
export function patExpiryCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const run = (fields: Partial<TokenPolicy>, settings?: object) =>
    runRule(
      rule,
      dcSnapshot(p, {
        datasets: {
          'dc.access-token-policy': [
            {
              product: p.product,
              exposed: true,
              creationEnabled: true,
              expiryRequired: true,
              maxExpiryDays: 180,
              ...fields,
            },
          ],
        },
      }),
      { settings: settings ? { [rule.meta.id]: settings } : {} },
    );

  test(`${p.name} tokens that must expire within 180 days pass`, () => {
    const results = run({});
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(results[0]?.message, 'Personal access tokens expire within 180 days.');
  });

  test('tokens that may be created without an expiry fail', () => {
    assert.deepEqual(verdicts(run({ expiryRequired: false, maxExpiryDays: null })), [['fail', site]]);
  });

  test('a lifetime above the maximum fails; the maximum is a setting', () => {
    assert.deepEqual(verdicts(run({ maxExpiryDays: 730 })), [['fail', site]]);
    assert.deepEqual(verdicts(run({ maxExpiryDays: 730 }, { maxExpiryDays: 730 })), [['pass', site]]);
  });

  test('a site where nobody may create tokens passes', () => {
    assert.deepEqual(verdicts(run({ creationEnabled: false, expiryRequired: false })), [['pass', site]]);
  });

  test('a version that does not expose the policy is unknown, never a pass', () => {
    const results = run({ exposed: false, creationEnabled: null, expiryRequired: null, maxExpiryDays: null });
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.match(results[0]?.message ?? '', /does not expose its personal access token policy/);
  });

  test('an unreported lifetime is unknown', () => {
    assert.deepEqual(verdicts(run({ maxExpiryDays: null })), [['unknown', site]]);
  });
}

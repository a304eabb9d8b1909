import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, securitySettings } from './test-records.ts';

/** The behaviour of a public sign-up rule made by publicSignupRule, for one product. */
export function publicSignupCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const run = (fields: Parameters<typeof securitySettings>[1]) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.security-settings': [securitySettings(p, fields)] } }));

  test(`${p.name} where only administrators add people passes`, () => {
    assert.deepEqual(verdicts(run({})), [['pass', site]]);
  });

  test(`${p.name} open to public sign-up fails, naming the mode`, () => {
    const results = run({ publicSignup: true, signupMode: 'public' });
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.equal(results[0]?.message, `Anyone who reaches ${p.name} can create an account (mode: public).`);
  });

  test('a sign-up mode the product did not report is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run({ publicSignup: null, signupMode: null })), [['unknown', site]]);
  });

  test('sign-up settings that could not be read make the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, { outcomes: { 'dc.security-settings': { status: 'failed', reason: 'HTTP 500' } } }),
    );
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_failed');
  });
}

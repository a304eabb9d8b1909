import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, securitySettings } from './test-records.ts';

/** The behaviour of a remember-me rule made by rememberMeRule, for one product. */
export function rememberMeCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const run = (fields: Parameters<typeof securitySettings>[1], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.security-settings': [securitySettings(p, fields)] } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`${p.name} remember-me sign-ins lasting 14 days pass`, () => {
    const results = run({});
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(results[0]?.message, '"Remember my login" sign-ins expire after 14 days.');
  });

  test('remember-me turned off passes', () => {
    assert.deepEqual(verdicts(run({ rememberMeEnabled: false, rememberMeDays: null })), [['pass', site]]);
  });

  test('remember-me lasting a month fails; the limit is a setting', () => {
    assert.deepEqual(verdicts(run({ rememberMeDays: 30 })), [['fail', site]]);
    assert.deepEqual(verdicts(run({ rememberMeDays: 30 }, { maxDays: 30 })), [['pass', site]]);
  });

  test('a remember-me state or lifetime the product did not report is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run({ rememberMeEnabled: null })), [['unknown', site]]);
    assert.deepEqual(verdicts(run({ rememberMeDays: null })), [['unknown', site]]);
  });
}

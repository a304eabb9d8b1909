import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, securitySettings } from './test-records.ts';

/** The behaviour of a WebSudo rule made by websudoRule, for one product. */
export function websudoCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const run = (fields: Parameters<typeof securitySettings>[1], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.security-settings': [securitySettings(p, fields)] } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`secure administrator sessions on in ${p.name} with a 10-minute timeout pass`, () => {
    const results = run({});
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(results[0]?.message, 'Secure administrator sessions are on and end after 10 idle minutes.');
  });

  test(`secure administrator sessions turned off in ${p.name} fail`, () => {
    const results = run({ webSudoEnabled: false });
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.match(results[0]?.message ?? '', /Secure administrator sessions are off/);
  });

  test('a secure session that lasts longer than allowed fails; the limit is a setting', () => {
    assert.deepEqual(verdicts(run({ webSudoTimeoutMinutes: 240 })), [['fail', site]]);
    assert.deepEqual(verdicts(run({ webSudoTimeoutMinutes: 240 }, { maxTimeoutMinutes: 240 })), [
      ['pass', site],
    ]);
  });

  test('a WebSudo state the product did not report is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run({ webSudoEnabled: null })), [['unknown', site]]);
  });

  test('settings read only in part cannot pass', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        datasets: { 'dc.security-settings': [securitySettings(p)] },
        outcomes: { 'dc.security-settings': { status: 'partial', reason: 'one property could not be read' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', site]]);
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, securitySettings } from './test-records.ts';

/** The behaviour of a CAPTCHA rule made by captchaRule, for one product. */
export function captchaCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const run = (fields: Parameters<typeof securitySettings>[1], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.security-settings': [securitySettings(p, fields)] } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`a CAPTCHA after 3 failed ${p.name} logins passes, naming the site by its base URL`, () => {
    const results = run({});
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(results[0]?.resource.name, dcSite(p).url);
  });

  test(`${p.name} without a CAPTCHA on login fails`, () => {
    const results = run({ captchaEnabled: false, captchaAfterFailedLogins: null });
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.equal(results[0]?.message, `${p.name} never asks for a CAPTCHA after failed logins.`);
  });

  test('a CAPTCHA that comes only after many failures fails; the limit is a setting', () => {
    assert.deepEqual(verdicts(run({ captchaAfterFailedLogins: 10 })), [['fail', site]]);
    assert.deepEqual(verdicts(run({ captchaAfterFailedLogins: 10 }, { maxFailedLogins: 10 })), [
      ['pass', site],
    ]);
  });

  test('a CAPTCHA state the product did not report is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run({ captchaEnabled: null })), [['unknown', site]]);
    assert.deepEqual(verdicts(run({ captchaAfterFailedLogins: null })), [['unknown', site]]);
  });

  test('settings the credential may not read make the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        outcomes: { 'dc.security-settings': { status: 'forbidden', missingScope: null, reason: 'HTTP 403' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
  });

  test('no settings record for the product is unknown, not a pass', () => {
    const results = runRule(rule, dcSnapshot(p, { datasets: { 'dc.security-settings': [] } }));
    assert.deepEqual(verdicts(results), [['unknown', site]]);
  });

  test('a Jira or Confluence Cloud site is not judged', () => {
    const results = runRule(rule, testSnapshot({ datasets: { 'dc.security-settings': [] } }));
    assert.deepEqual(verdicts(results), [['not_applicable', TEST_SITE.cloudId]]);
  });
}

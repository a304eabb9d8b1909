import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, globalPermission, securitySettings } from './test-records.ts';

type Settings = DatasetRecord<'dc.security-settings'>;
type Permission = DatasetRecord<'dc.global-permissions'>;

/** The behaviour of an anonymous exposure rule made by anonymousExposureRule, for one product. */
export function anonymousExposureCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const use = p.product === 'jira-data-center' ? 'USE' : 'USECONFLUENCE';
  const browse = p.product === 'jira-data-center' ? 'USER_PICKER' : 'VIEWUSERPROFILES';
  const run = (fields: Partial<Settings>, permissions: Permission[] = [], settings?: object) =>
    runRule(
      rule,
      dcSnapshot(p, {
        datasets: {
          'dc.security-settings': [securitySettings(p, fields)],
          'dc.global-permissions': [globalPermission(p, use, { groups: ['users'] }), ...permissions],
        },
      }),
      { settings: settings ? { [rule.meta.id]: settings } : {} },
    );

  test(`${p.name} closed to anonymous visitors passes`, () => {
    assert.deepEqual(verdicts(run({})), [['pass', site]]);
  });

  test('an anonymous user picker fails, even on a site meant to be public', () => {
    const results = run({ anonymousUserPicker: true }, [], { publicSiteIntended: true });
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.match(results[0]?.message ?? '', /the user picker lists users to anonymous visitors/);
  });

  test('global permissions held by anonymous users fail, naming them', () => {
    const results = run({}, [globalPermission(p, browse, { anonymous: true })]);
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.equal(results[0]?.message, `On ${p.name}, anonymous users hold the global permissions ${browse}.`);
  });

  test('anonymous use of the product fails unless the site is declared public', () => {
    const open: Partial<Settings> = { anonymousAccess: true };
    const anyone = [globalPermission(p, use, { anonymous: true })];
    const results = run(open, anyone);
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.equal(results[0]?.message, `On ${p.name}, anonymous users hold the global permissions ${use}.`);
    assert.deepEqual(verdicts(run(open, anyone, { publicSiteIntended: true })), [['pass', site]]);
  });

  test('an anonymous access setting the product did not report is unknown, never a pass', () => {
    const results = run({ anonymousAccess: null });
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.match(results[0]?.message ?? '', /did not report anonymous access/);
  });

  if (p.product === 'jira-data-center') {
    test('a user picker probe that did not answer is unknown on Jira', () => {
      assert.deepEqual(verdicts(run({ anonymousUserPicker: null })), [['unknown', site]]);
    });
  } else {
    test('Confluence, which has no user picker probe, is judged by its anonymous permissions instead', () => {
      assert.deepEqual(verdicts(run({ anonymousUserPicker: null })), [['pass', site]]);
      assert.deepEqual(verdicts(run({ anonymousRemoteApi: null })), [['unknown', site]]);
    });
  }

  test('global permissions that could not be read make the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        datasets: { 'dc.security-settings': [securitySettings(p)] },
        outcomes: { 'dc.global-permissions': { status: 'not_collected', reason: null } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', site]]);
  });
}

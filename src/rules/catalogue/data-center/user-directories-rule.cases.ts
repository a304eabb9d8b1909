import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot } from './test-records.ts';

type Directory = DatasetRecord<'dc.user-directories'>;

/** The behaviour of a user directories rule made by userDirectoriesRule, for one product. */
export function userDirectoriesCases(rule: Rule, p: DcProduct): void {
  const directory = (id: string, order: number, fields: Partial<Directory> = {}): Directory => ({
    product: p.product,
    id,
    name: id,
    type: 'CONNECTOR',
    implementation: 'Microsoft Active Directory',
    active: true,
    order,
    secureConnection: true,
    ...fields,
  });
  const internal = (order: number, fields: Partial<Directory> = {}) =>
    directory('Internal', order, {
      type: 'INTERNAL',
      implementation: null,
      secureConnection: null,
      ...fields,
    });
  const run = (directories: Directory[], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.user-directories': directories } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`the corporate directory first, over TLS, then the internal one passes in ${p.name}`, () => {
    const results = run([internal(2), directory('Corp AD', 1)]);
    assert.deepEqual(verdicts(results), [
      ['pass', 'Corp AD'],
      ['pass', 'Internal'],
    ]);
  });

  test('an internal directory ahead of the corporate one fails, unless the settings allow it', () => {
    const directories = [internal(1), directory('Corp AD', 2)];
    const results = run(directories);
    assert.deepEqual(verdicts(results), [
      ['fail', 'Internal'],
      ['pass', 'Corp AD'],
    ]);
    assert.match(results[0]?.message ?? '', /comes before the corporate directory Corp AD/);
    assert.deepEqual(verdicts(run(directories, { internalFirstAllowed: true }))[0], ['pass', 'Internal']);
  });

  test('an inactive directory and an LDAP directory without TLS fail', () => {
    const results = run([
      directory('Corp AD', 1, { secureConnection: false }),
      directory('Old LDAP', 2, { active: false, implementation: 'OpenLDAP' }),
      internal(3),
    ]);
    assert.deepEqual(verdicts(results), [
      ['fail', 'Corp AD'],
      ['fail', 'Old LDAP'],
      ['pass', 'Internal'],
    ]);
    assert.equal(
      results[1]?.message,
      'Old LDAP (OpenLDAP, position 2): it is inactive but still configured.',
    );
  });

  test('no directory at all is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run([])), [['unknown', dcSite(p).cloudId]]);
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSnapshot } from './test-records.ts';

type Admins = DatasetRecord<'dc.admins'>;

/** The behaviour of an admin count rule made by adminCountRule, for one product. */
export function adminCountCases(rule: Rule, p: DcProduct): void {
  const holders = (right: Admins['right'], names: string[], inactiveCount = 0): Admins => ({
    product: p.product,
    right,
    groups: [right === 'admin' ? 'administrators' : 'sysadmins'],
    count: names.length,
    usernames: names,
    inactiveCount,
  });
  const run = (records: Admins[], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.admins': records } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`a few ${p.name} administrators and system administrators pass, one result per right`, () => {
    const results = run([holders('admin', ['ada', 'bo', 'cy']), holders('system-admin', ['ada'], 4)]);
    assert.deepEqual(verdicts(results), [
      ['pass', 'system-admin'],
      ['pass', 'admin'],
    ]);
    assert.equal(results[1]?.message, `3 people are ${p.name} administrators (at most 5).`);
  });

  test('too many system administrators fail, naming them', () => {
    const results = run([holders('admin', ['ada']), holders('system-admin', ['ada', 'bo', 'cy', 'di'])]);
    assert.deepEqual(verdicts(results), [
      ['fail', 'system-admin'],
      ['pass', 'admin'],
    ]);
    assert.equal(
      results[0]?.message,
      `4 people are ${p.name} system administrators (through sysadmins), more than 3: ada, bo, cy, di.`,
    );
  });

  test('the thresholds are settings', () => {
    const records = [holders('admin', ['ada', 'bo']), holders('system-admin', ['ada'])];
    const results = run(records, { maxAdmins: 1 });
    assert.deepEqual(verdicts(results), [
      ['pass', 'system-admin'],
      ['fail', 'admin'],
    ]);
  });

  test('a right the scan did not count is unknown, never a pass', () => {
    const results = run([holders('admin', ['ada'])]);
    assert.deepEqual(verdicts(results), [
      ['unknown', 'system-admin'],
      ['pass', 'admin'],
    ]);
  });

  test('admins the credential may not read make the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        outcomes: { 'dc.admins': { status: 'forbidden', missingScope: null, reason: 'HTTP 403' } },
      }),
    );
    assert.equal(results[0]?.status, 'unknown');
    assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
  });
}

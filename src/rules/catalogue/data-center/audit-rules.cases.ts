import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot } from './test-records.ts';

type Audit = DatasetRecord<'dc.audit-settings'>;

function audit(p: DcProduct, fields: Partial<Audit> = {}): Audit {
  return {
    product: p.product,
    coverageLevel: 'BASE',
    areas: [
      { area: 'SECURITY', level: 'ADVANCED' },
      { area: 'PERMISSIONS', level: 'BASE' },
    ],
    retentionDays: 365 * 3,
    ...fields,
  };
}

function run(rule: Rule, p: DcProduct, record: Audit, settings?: object) {
  return runRule(rule, dcSnapshot(p, { datasets: { 'dc.audit-settings': [record] } }), {
    settings: settings ? { [rule.meta.id]: settings } : {},
  });
}

/** The behaviour of an audit coverage rule made by auditCoverageRule, for one product. */
export function auditCoverageCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;

  test(`${p.name} auditing every area at base level or more passes`, () => {
    assert.deepEqual(verdicts(run(rule, p, audit(p))), [['pass', site]]);
  });

  test('an audit area turned off fails, naming it', () => {
    const record = audit(p, {
      coverageLevel: 'OFF',
      areas: [
        { area: 'APPS', level: 'OFF' },
        { area: 'SECURITY', level: 'FULL' },
      ],
    });
    const results = run(rule, p, record);
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.equal(results[0]?.message, 'The audit log records less than BASE for APPS (OFF).');
  });

  test('the minimum level is a setting', () => {
    assert.deepEqual(verdicts(run(rule, p, audit(p), { minimumLevel: 'ADVANCED' })), [['fail', site]]);
  });

  test('with no areas listed, the overall level is judged', () => {
    assert.deepEqual(verdicts(run(rule, p, audit(p, { areas: [], coverageLevel: 'OFF' }))), [['fail', site]]);
  });

  test('a level the product names otherwise is unknown, never a pass', () => {
    const record = audit(p, { areas: [{ area: 'SECURITY', level: 'CUSTOM' }] });
    assert.deepEqual(verdicts(run(rule, p, record)), [['unknown', site]]);
  });
}

/** The behaviour of an audit retention rule made by auditRetentionRule, for one product. */
export function auditRetentionCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;

  test(`${p.name} keeping audit events for three years passes`, () => {
    const results = run(rule, p, audit(p));
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.equal(results[0]?.message, `${p.name} keeps audit events for 1095 days.`);
  });

  test('a retention shorter than a year fails; the minimum is a setting', () => {
    const record = audit(p, { retentionDays: 90 });
    assert.deepEqual(verdicts(run(rule, p, record)), [['fail', site]]);
    assert.deepEqual(verdicts(run(rule, p, record, { minimumDays: 90 })), [['pass', site]]);
  });

  test('a retention the product did not report is unknown, never a pass', () => {
    assert.deepEqual(verdicts(run(rule, p, audit(p, { retentionDays: null }))), [['unknown', site]]);
  });

  test('audit settings that could not be read make the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        outcomes: { 'dc.audit-settings': { status: 'forbidden', missingScope: null, reason: 'HTTP 403' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', site]]);
  });
}

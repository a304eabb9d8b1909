import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, serverInfo } from './test-records.ts';

/** Versions of each product with a known end of life, from the repository's table. */
const LINES = {
  'jira-data-center': {
    lts: '9.12.4',
    ltsEnd: '2025-11-29',
    old: '8.20.10',
    oldEnd: '2024-01-31',
    ancient: '7.13.0',
  },
  'confluence-data-center': {
    lts: '8.5.6',
    ltsEnd: '2025-12-15',
    old: '7.19.8',
    oldEnd: '2024-12-13',
    ancient: '6.15.2',
  },
} as const;

/** The behaviour of a version rule made by versionSupportedRule, for one product. */
export function versionSupportedCases(rule: Rule, p: DcProduct): void {
  const site = dcSite(p).cloudId;
  const v = LINES[p.product];
  const run = (version: string, now: string, settings?: object) =>
    runRule(
      rule,
      dcSnapshot(p, { now: new Date(now), datasets: { 'dc.server-info': [serverInfo(p, { version })] } }),
      {
        settings: settings ? { [rule.meta.id]: settings } : {},
      },
    );

  test(`a supported ${p.name} LTS release passes, naming its end of life`, () => {
    const results = run(v.lts, '2025-06-01T12:00:00Z');
    assert.deepEqual(verdicts(results), [['pass', site]]);
    assert.match(results[0]?.message ?? '', new RegExp(`LTS\\) is supported until ${v.ltsEnd}`));
  });

  test('the same release fails once the scan’s clock is past its end of life', () => {
    const results = run(v.lts, '2026-01-01T00:00:00Z');
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.match(results[0]?.message ?? '', new RegExp(`reached end of life on ${v.ltsEnd}`));
  });

  test('the end-of-life day itself is still supported', () => {
    assert.deepEqual(verdicts(run(v.old, `${v.oldEnd}T20:00:00Z`)), [['pass', site]]);
  });

  test('a release close to its end of life fails when the settings ask for notice', () => {
    const now = '2025-10-01T00:00:00Z';
    assert.deepEqual(verdicts(run(v.lts, now)), [['pass', site]]);
    assert.deepEqual(verdicts(run(v.lts, now, { minRemainingDays: 90 })), [['fail', site]]);
  });

  test('a version older than every listed release fails', () => {
    const results = run(v.ancient, '2025-06-01T12:00:00Z');
    assert.deepEqual(verdicts(results), [['fail', site]]);
    assert.match(results[0]?.message ?? '', /older than every release in the end-of-life data/);
  });

  test('a version newer than the data is unknown, never assumed supported', () => {
    const results = run('99.1.0', '2025-06-01T12:00:00Z');
    assert.deepEqual(verdicts(results), [['unknown', site]]);
    assert.match(results[0]?.message ?? '', /is not in the end-of-life data/);
  });

  test('a version the scan could not read makes the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, { outcomes: { 'dc.server-info': { status: 'failed', reason: 'HTTP 502' } } }),
    );
    assert.deepEqual(verdicts(results), [['unknown', site]]);
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_NOW } from '../../testing/test-snapshot.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, licence, plugin, systemPlugin } from './test-records.ts';

type Plugin = DatasetRecord<'dc.plugins'>;

function runner(rule: Rule, p: DcProduct) {
  return (plugins: Plugin[], now = TEST_NOW) =>
    runRule(rule, dcSnapshot(p, { now, datasets: { 'dc.plugins': plugins } }));
}

/** The behaviour of an app licence rule made by appsLicensedRule, for one product. */
export function appsLicensedCases(rule: Rule, p: DcProduct): void {
  const run = runner(rule, p);

  test(`every user-installed ${p.name} app gets a result with its version and licence; system plugins none`, () => {
    const results = run([
      plugin(p, 'com.acme.time', { name: 'Time Tracker' }),
      plugin(p, 'com.free.macro', { name: 'Free Macro', usesLicensing: false, license: null }),
      systemPlugin(p, 'com.atlassian.bundled'),
    ]);
    assert.deepEqual(verdicts(results), [
      ['pass', 'com.acme.time'],
      ['pass', 'com.free.macro'],
    ]);
    assert.equal(results[0]?.message, 'Time Tracker 2.4.0 is licensed (COMMERCIAL) until 2026-01-31.');
    assert.equal(results[0]?.resource.name, 'Time Tracker (com.acme.time)');
    assert.deepEqual(results[0]?.evidence?.licence, {
      type: 'COMMERCIAL',
      status: 'ACTIVE',
      expiryDate: '2026-01-31T00:00:00.000Z',
      valid: true,
    });
  });

  test('an app that uses licensing but has none entered fails as unlicensed', () => {
    const results = run([plugin(p, 'com.acme.time', { name: 'Time Tracker', license: null })]);
    assert.deepEqual(verdicts(results), [['fail', 'com.acme.time']]);
    assert.match(results[0]?.message ?? '', /no licence is entered \(unlicensed\)/);
  });

  test('a licence is judged expired by the scan’s clock, not the wall clock', () => {
    const apps = [
      plugin(p, 'com.acme.time', { license: licence({ expiryDate: '2025-07-01T00:00:00.000Z' }) }),
    ];
    assert.deepEqual(verdicts(run(apps, new Date('2025-06-30T00:00:00.000Z'))), [['pass', 'com.acme.time']]);
    assert.deepEqual(verdicts(run(apps, new Date('2025-07-02T00:00:00.000Z'))), [['fail', 'com.acme.time']]);
  });

  test('an invalid or expired-evaluation licence fails', () => {
    const results = run([
      plugin(p, 'a.eval', {
        license: licence({
          type: 'EVALUATION',
          evaluation: true,
          status: 'EVALUATION_EXPIRED',
          expiryDate: null,
        }),
      }),
      plugin(p, 'b.bad', { license: licence({ valid: false }) }),
    ]);
    assert.deepEqual(verdicts(results), [
      ['fail', 'a.eval'],
      ['fail', 'b.bad'],
    ]);
  });

  test('a licence UPM said nothing about is unknown, never a pass', () => {
    const results = run([
      plugin(p, 'com.acme.time', { license: licence({ valid: null, status: null, expiryDate: null }) }),
    ]);
    assert.deepEqual(verdicts(results), [['unknown', 'com.acme.time']]);
  });

  test('apps the credential may not list make the site unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        outcomes: { 'dc.plugins': { status: 'forbidden', missingScope: null, reason: 'HTTP 401' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', dcSite(p).cloudId]]);
  });
}

/** The behaviour of an app update rule made by appsCurrentRule, for one product. */
export function appsCurrentCases(rule: Rule, p: DcProduct): void {
  const run = runner(rule, p);

  test(`user-installed ${p.name} apps on their latest compatible version pass`, () => {
    const results = run([
      plugin(p, 'com.acme.time', { name: 'Time Tracker' }),
      systemPlugin(p, 'com.atlassian.old', { updateAvailable: true }),
    ]);
    assert.deepEqual(verdicts(results), [['pass', 'com.acme.time']]);
  });

  test('an app with a newer compatible version fails, naming both versions, even when disabled', () => {
    const results = run([
      plugin(p, 'com.acme.time', {
        name: 'Time Tracker',
        version: '2.1.0',
        latestVersion: '2.4.0',
        updateAvailable: true,
        enabled: false,
      }),
    ]);
    assert.deepEqual(verdicts(results), [['fail', 'com.acme.time']]);
    assert.equal(results[0]?.message, 'Time Tracker runs 2.1.0; 2.4.0 is compatible.');
  });

  test('without UPM’s flag, the two versions are compared', () => {
    const behind = plugin(p, 'a.behind', {
      version: '1.9.3',
      latestVersion: '1.10.0',
      updateAvailable: null,
    });
    const current = plugin(p, 'b.current', {
      version: '1.10.0',
      latestVersion: '1.10.0',
      updateAvailable: null,
    });
    assert.deepEqual(verdicts(run([behind, current])), [
      ['fail', 'a.behind'],
      ['pass', 'b.current'],
    ]);
  });

  test('an app whose latest compatible version is unknown is unknown, never a pass', () => {
    const results = run([plugin(p, 'com.unlisted', { latestVersion: null, updateAvailable: null })]);
    assert.deepEqual(verdicts(results), [['unknown', 'com.unlisted']]);
  });
}

/** The behaviour of a security plugin rule made by securityPluginsRule, for one product. */
export function securityPluginsCases(rule: Rule, p: DcProduct): void {
  const run = runner(rule, p);
  const websudo = (fields: Partial<Plugin> = {}) =>
    systemPlugin(p, 'com.atlassian.websudo', { name: 'WebSudo', securityRole: 'websudo', ...fields });

  test(`enabled, current ${p.name} security plugins pass; other plugins are not judged`, () => {
    const results = run([websudo(), systemPlugin(p, 'com.atlassian.gadgets'), plugin(p, 'com.acme.time')]);
    assert.deepEqual(verdicts(results), [['pass', 'com.atlassian.websudo']]);
    assert.equal(results[0]?.message, 'WebSudo (websudo) is enabled and current.');
  });

  test('a disabled security plugin fails, naming the control it carries', () => {
    const results = run([websudo({ enabled: false })]);
    assert.deepEqual(verdicts(results), [['fail', 'com.atlassian.websudo']]);
    assert.equal(results[0]?.message, 'WebSudo, which provides websudo, is disabled.');
  });

  test('an outdated security plugin fails', () => {
    const results = run([websudo({ version: '1.0.0', latestVersion: '1.0.2', updateAvailable: true })]);
    assert.deepEqual(verdicts(results), [['fail', 'com.atlassian.websudo']]);
  });

  test('an enabled security plugin whose update state is unknown is unknown', () => {
    const results = run([websudo({ latestVersion: null, updateAvailable: null })]);
    assert.deepEqual(verdicts(results), [['unknown', 'com.atlassian.websudo']]);
  });
}

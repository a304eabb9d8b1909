import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataCenterPluginRecord } from './app.ts';
import { buildAppInventory, buildDataCenterInstallations } from './inventory.ts';
import { scoreApp } from './score.ts';
import { NOW } from './testing/fixtures.ts';

// The apps of a Jira Data Center instance: UPM's user-installed plugins (dc.plugins), each scored
// as code running inside the product with full access.

const SITE = { cloudId: 'dc-1', name: 'jira.acme.example' };

function plugin(key: string, fields: Partial<DataCenterPluginRecord> = {}): DataCenterPluginRecord {
  return {
    product: 'jira-data-center',
    key,
    name: key,
    version: '2.0.0',
    vendorName: 'Harbor Tools',
    vendorUrl: null,
    enabled: true,
    userInstalled: true,
    system: false,
    optional: true,
    usesLicensing: false,
    license: null,
    latestVersion: '2.0.0',
    updateAvailable: false,
    securityRole: null,
    ...fields,
  };
}

const expiredLicence = {
  valid: false,
  type: 'COMMERCIAL',
  evaluation: false,
  expiryDate: '2026-04-02T12:00:00.000Z',
  maintenanceExpiryDate: null,
  status: 'EXPIRED',
};

test('only user-installed plugins are apps; the bundled ones are the product', () => {
  const installations = buildDataCenterInstallations({
    ...SITE,
    plugins: [
      plugin('com.harbor.toolkit'),
      plugin('com.atlassian.jira.jira-websudo-plugin', {
        userInstalled: false,
        system: true,
        vendorName: 'Atlassian',
      }),
      plugin('com.atlassian.labs.hipchat', { vendorName: 'Atlassian' }),
    ],
  });
  assert.deepEqual(
    installations.map((i) => [i.appKey, i.framework, i.product, i.siteName]),
    [
      // An Atlassian-built plugin someone installed is `system`, as on Cloud.
      ['com.atlassian.labs.hipchat', 'system', 'jira', 'jira.acme.example'],
      ['com.harbor.toolkit', 'plugin', 'jira', 'jira.acme.example'],
    ],
  );
});

test('what UPM does not say stays unknown: installer, egress, Marketplace, distribution without an update signal', () => {
  const [current, behind] = buildDataCenterInstallations({
    ...SITE,
    plugins: [plugin('a.current'), plugin('b.behind', { latestVersion: '3.1.0', updateAvailable: true })],
  });
  assert.ok(current && behind);
  assert.equal(current.installer, null);
  assert.equal(current.installedAt, null);
  assert.equal(current.egress.kind, 'unknown');
  assert.equal(current.marketplace.status, 'not-looked-up');
  assert.equal(current.distribution, 'unknown');
  // UPM found the newer version on the Marketplace: the plugin is listed there.
  assert.equal(behind.distribution, 'marketplace');
  assert.equal(current.scopesSource, 'in-process');
  assert.deepEqual(current.scopes, []);
});

test('the licence state follows UPM: none needed, active, expired, or unlicensed', () => {
  const states = buildDataCenterInstallations({
    ...SITE,
    plugins: [
      plugin('a.free'),
      plugin('b.active', {
        usesLicensing: true,
        license: { ...expiredLicence, valid: true, status: 'ACTIVE' },
      }),
      plugin('c.expired', { usesLicensing: true, license: expiredLicence }),
      plugin('d.unlicensed', { usesLicensing: true, license: null }),
      plugin('e.silent', { usesLicensing: true, license: { ...expiredLicence, valid: null, status: null } }),
    ],
  }).map((i) => [i.appKey, i.license.state, i.license.source]);
  assert.deepEqual(states, [
    ['a.free', 'none', 'upm'],
    ['b.active', 'active', 'upm'],
    ['c.expired', 'expired', 'upm'],
    ['d.unlicensed', 'expired', 'upm'],
    ['e.silent', 'unknown', 'upm'],
  ]);
});

test('a plugin scores as running inside the JVM with full access, never as unreadable scopes', () => {
  const [app] = buildAppInventory([], {}, [{ ...SITE, plugins: [plugin('com.harbor.toolkit')] }]);
  assert.ok(app);
  assert.equal(app.scopesReadable, true);
  const risk = scoreApp(app, { now: NOW });
  assert.notEqual(risk.band, 'unknown');
  const inProcess = risk.factors.find((f) => f.id === 'capability.in-process');
  assert.equal(inProcess?.status, 'applied');
  assert.equal(inProcess?.contribution, 55);
  assert.deepEqual(inProcess?.evidence, [
    'Jira Data Center at jira.acme.example: runs inside the product’s JVM with full access',
  ]);
  assert.ok(!risk.factors.some((f) => f.id === 'capability.unreadable'));
  assert.equal(risk.factors.find((f) => f.id === 'exposure.unknown-egress')?.status, 'unknown');
  assert.match(
    risk.factors.find((f) => f.id === 'governance.installer-deactivated-or-unknown')?.evidence[0] ?? '',
    /UPM does not record who installed a plugin/,
  );
  assert.ok(!risk.factors.some((f) => f.id === 'governance.outdated-version'), 'current: no outdated factor');
});

test('an outdated version and an expired licence are factors with their evidence; an unread update check is unknown', () => {
  const weights = { now: NOW, weights: undefined };
  const [behind, silent] = buildAppInventory([], {}, [
    {
      ...SITE,
      plugins: [
        plugin('a.behind', {
          version: '2.1.0',
          latestVersion: '4.0.3',
          updateAvailable: true,
          usesLicensing: true,
          license: expiredLicence,
        }),
        plugin('b.silent', { latestVersion: null, updateAvailable: null }),
      ],
    },
  ]);
  assert.ok(behind && silent);
  const risk = scoreApp(behind, weights);
  const outdated = risk.factors.find((f) => f.id === 'governance.outdated-version');
  assert.equal(outdated?.status, 'applied');
  assert.deepEqual(outdated?.evidence, [
    'Jira Data Center at jira.acme.example: runs 2.1.0; 4.0.3 is compatible',
  ]);
  assert.deepEqual(risk.factors.find((f) => f.id === 'governance.expired-license')?.evidence, [
    'Jira Data Center at jira.acme.example: COMMERCIAL licence, UPM status EXPIRED, expiry 2026-04-02',
  ]);
  const current = scoreApp(silent, weights);
  // Every plugin has full access, so hygiene ranks them: behind and unlicensed above current.
  assert.equal(current.band, 'high');
  assert.equal(risk.band, 'critical');
  assert.ok(risk.score > current.score);
  const unknownUpdate = current.factors.find((f) => f.id === 'governance.outdated-version');
  assert.equal(unknownUpdate?.status, 'unknown');
  // Unknown is shown, never applied: it moves the score by nothing.
  assert.equal(unknownUpdate?.contribution, 0);
});

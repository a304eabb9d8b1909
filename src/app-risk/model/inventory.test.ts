import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSiteInstallations, egressHost } from './inventory.ts';
import {
  ADMIN_ID,
  adminUser,
  appOf,
  daysAgo,
  forgeInstallation,
  installation,
  marketplace,
  plainUser,
  SITE,
  USER_ID,
  unlisted,
} from './testing/fixtures.ts';

test('a listed Connect app gets its scopes and trust signals from the Marketplace answer for its version', () => {
  const app = appOf(
    [installation({ appKey: 'com.x.sync' })],
    [marketplace({ appKey: 'com.x.sync', declaredScopes: ['WRITE', 'READ'], bugBounty: 'approved' })],
  );
  assert.equal(app.framework, 'connect');
  assert.deepEqual(app.scopes, ['READ', 'WRITE']);
  assert.equal(app.installations[0]?.scopesSource, 'marketplace');
  assert.equal(app.marketplace.bugBounty, true);
  assert.equal(app.distribution, 'marketplace');
  assert.deepEqual(app.egress, { kind: 'vendor-hosted', domains: [], wildcard: false });
});

test('an unlisted Connect app has unreadable scopes; a Marketplace outage is unavailable, never trusted', () => {
  const hidden = appOf([installation({ appKey: 'io.fast.sync' })], [unlisted('io.fast.sync')]);
  assert.equal(hidden.scopesReadable, false);
  assert.equal(hidden.distribution, 'unlisted');
  const outage = appOf(
    [installation({ appKey: 'com.x.sync' })],
    undefined,
    {},
    { marketplaceReason: 'HTTP 503' },
  );
  assert.equal(outage.marketplace.status, 'unavailable');
  assert.equal(outage.marketplace.reason, 'HTTP 503');
  assert.equal(outage.marketplace.bugBounty, null);
  assert.equal(outage.distribution, 'unknown');
  const missing = appOf(
    [installation({ appKey: 'com.x.sync', version: '2.0.0-AC' })],
    [marketplace({ appKey: 'com.x.sync' })],
  );
  assert.equal(missing.marketplace.status, 'not-looked-up');
});

test('a Forge app takes scopes and egress from the gateway; Atlassian hosts are not egress', () => {
  const app = appOf(
    [
      forgeInstallation({
        appKey: 'com.x.ai',
        scopes: ['write:confluence-content', 'read:jira-work'],
        egress: ['https://api.x.example/v1', '*.models.example', 'https://api.atlassian.com'],
        environmentType: 'DEVELOPMENT',
      }),
    ],
    [],
  );
  assert.equal(app.installations[0]?.scopesSource, 'forge-gateway');
  assert.deepEqual(app.scopes, ['read:jira-work', 'write:confluence-content']);
  assert.deepEqual(app.egress, {
    kind: 'declared',
    domains: ['*.models.example', 'api.x.example'],
    wildcard: true,
  });
  assert.equal(app.distribution, 'development');
  const quiet = appOf([forgeInstallation({ appKey: 'com.x.notes', scopes: ['read:jira-work'] })], []);
  assert.equal(quiet.egress.kind, 'none');
  assert.equal(egressHost('HTTPS://Data.Example.com:8443/a?b'), 'data.example.com');
});

test('who installed it: an org admin is admin-installed, anyone else or the UPM flag is user-installed', () => {
  const [byAdmin, byUser, flagged, unknownInstaller] = buildSiteInstallations(
    {
      cloudId: SITE,
      installations: [
        installation({ appKey: 'a.admin' }),
        installation({ appKey: 'b.user', installedBy: USER_ID, installedByName: 'Uma User' }),
        installation({ appKey: 'c.flag', userInstalled: true }),
        installation({ appKey: 'd.nobody', installedBy: null, installedByName: null, installSource: null }),
      ],
    },
    { marketplace: [], orgUsers: [adminUser, plainUser] },
  );
  assert.equal(byAdmin?.installKind, 'admin');
  assert.equal(byAdmin?.installer?.accountId, ADMIN_ID);
  assert.equal(byUser?.installKind, 'user');
  assert.equal(byUser?.installer?.isAdmin, false);
  assert.equal(flagged?.installKind, 'user');
  assert.equal(unknownInstaller?.installer, null);
  assert.equal(unknownInstaller?.installKind, 'unknown');
  // Without the org directory nor the admin groups nobody can tell.
  const [blind] = buildSiteInstallations(
    { cloudId: SITE, installations: [installation({ appKey: 'b.user', installedBy: USER_ID })] },
    { marketplace: [] },
  );
  assert.equal(blind?.installer?.isAdmin, null);
  assert.equal(blind?.installKind, 'unknown');
});

test('a site-admin group member is an admin; the app account, its groups, activity and disabling are read', () => {
  const [i] = buildSiteInstallations(
    {
      cloudId: SITE,
      installations: [installation({ appKey: 'a.app', installedBy: USER_ID, enabled: false, name: 'A App' })],
      groups: [{ groupId: 'g1', name: 'site-admins', accessTypes: ['site-admin'] }],
      groupMembers: [
        {
          groupId: 'g1',
          groupName: 'site-admins',
          accountId: USER_ID,
          accountType: 'atlassian',
          displayName: 'Uma',
          active: true,
        },
        {
          groupId: 'g1',
          groupName: 'site-admins',
          accountId: 'app-a.app',
          accountType: 'app',
          displayName: 'A App',
          active: true,
        },
      ],
      jiraUsers: [{ accountId: 'app-a.app', accountType: 'app', displayName: 'A App', active: true }],
      jiraAudit: [
        {
          id: '1',
          created: daysAgo(200),
          summary: 'App disabled',
          category: 'apps',
          authorAccountId: ADMIN_ID,
          objectId: 'a.app',
          objectName: 'A App',
          objectType: 'PLUGIN',
          changedValues: [],
        },
        {
          id: '2',
          created: daysAgo(150),
          summary: 'Issue updated',
          category: 'issues',
          authorAccountId: 'app-a.app',
          objectId: '1',
          objectName: 'X-1',
          objectType: 'ISSUE',
          changedValues: [],
        },
      ],
    },
    { marketplace: [], orgUsers: [plainUser] },
  );
  assert.equal(i?.installKind, 'admin');
  assert.deepEqual(i?.appAccount?.groups, [{ name: 'site-admins', accessTypes: ['site-admin'] }]);
  assert.equal(i?.appAccount?.active, true);
  assert.deepEqual(i?.lastActivity, { at: daysAgo(150), source: 'jira.audit' });
  assert.equal(i?.disabledSince, daysAgo(200));
});

test('licences: the gateway’s Forge licence, UPM’s licensing flag, otherwise unknown', () => {
  const [expired, free, none, connectFree, connectPaid] = buildSiteInstallations(
    {
      cloudId: SITE,
      installations: [
        forgeInstallation({
          appKey: 'a',
          scopes: [],
          license: { active: false, type: 'EVALUATION', evaluation: true },
        }),
        forgeInstallation({
          appKey: 'b',
          scopes: [],
          license: { active: true, type: 'FREE', evaluation: false },
        }),
        forgeInstallation({ appKey: 'c', scopes: [] }),
        installation({ appKey: 'd' }),
        installation({ appKey: 'e' }),
      ],
      upmJira: [
        {
          key: 'd',
          name: 'd',
          version: '1',
          enabled: true,
          userInstalled: false,
          optional: true,
          remotable: true,
          usesLicensing: false,
          vendorName: null,
          vendorUrl: null,
        },
        {
          key: 'e',
          name: 'e',
          version: '1',
          enabled: true,
          userInstalled: false,
          optional: true,
          remotable: true,
          usesLicensing: true,
          vendorName: null,
          vendorUrl: null,
        },
      ],
    },
    { marketplace: [] },
  );
  assert.deepEqual(
    [expired, free, none, connectFree, connectPaid].map((i) => i?.license.state),
    ['expired', 'free', 'none', 'none', 'unknown'],
  );
});

test('a Connect app whose UPM page served a licence takes it from UPM', () => {
  const licence = { active: false, type: 'EVALUATION', evaluation: true };
  const [expired] = buildSiteInstallations(
    {
      cloudId: SITE,
      installations: [installation({ appKey: 'f', license: licence })],
      upmJira: [
        {
          key: 'f',
          name: 'f',
          version: '1',
          enabled: true,
          userInstalled: false,
          optional: true,
          remotable: true,
          usesLicensing: true,
          vendorName: null,
          vendorUrl: null,
          license: { ...licence, expiryDate: '2026-09-01T00:00:00.000Z', maintenanceExpiryDate: null },
        },
      ],
    },
    { marketplace: [] },
  );
  assert.deepEqual(expired?.license, { state: 'expired', type: 'EVALUATION', source: 'upm' });
});

test('one app installed on two products is one record with both installations and the union of scopes', () => {
  const app = appOf(
    [
      forgeInstallation({ appKey: 'com.x.backup', scopes: ['read:jira-work'], product: 'jira' }),
      forgeInstallation({
        appKey: 'com.x.backup',
        scopes: ['read:confluence-content.all'],
        product: 'confluence',
      }),
    ],
    [],
  );
  assert.equal(app.installations.length, 2);
  assert.deepEqual(app.scopes, ['read:confluence-content.all', 'read:jira-work']);
  assert.deepEqual(app.versions, ['1.0.0']);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Tenant } from '../../../simulator/tenant/model.ts';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY, tinyTenant } from '../../../simulator/testing/tiny-tenant.ts';
import type { SiteRef } from '../../atlassian/api.ts';
import type { AtlassianClient } from '../../atlassian/client.ts';
import { collector as appsForgeCollector } from './apps-forge.ts';
import { collector as appsInstallationsCollector } from './apps-installations.ts';
import { appsMarketplaceCollector } from './apps-marketplace.ts';
import { upmCollector } from './apps-upm.ts';
import { collector as jiraAuditCollector } from './jira-audit.ts';
import { collector as jiraUsersCollector } from './jira-users.ts';
import { collector as orgEventsCollector } from './org-events.ts';
import { collector as orgWorkspacesCollector } from './org-workspaces.ts';
import {
  client,
  MemoryInventory,
  memoryCache,
  resetServed,
  runCollector,
  served,
  tinySites,
} from './test-support.ts';

// Installed apps on the tiny tenant: Timesheets Pro (Connect, listed, installed on acme Jira by Mo
// five days ago), Forge Reporter (Forge, development mode, unlisted, on acme Jira and Confluence),
// and the Emoji system app.

let h: Harness;
let api: AtlassianClient;
let siteA: SiteRef;
let siteB: SiteRef;

before(async () => {
  h = await startHarness();
  api = client(h);
  [siteA, siteB] = tinySites(h) as [SiteRef, SiteRef];
});
after(async () => {
  await api.close();
  await h.stop();
});

type Rec = Record<string, unknown>;

/** UPM and Forge for both sites, the workspaces, the audit trails and users: what the app datasets read. */
async function appInventory(): Promise<MemoryInventory> {
  const inventory = new MemoryInventory();
  const org = { api, inventory, orgId: TINY.orgId };
  await runCollector(orgWorkspacesCollector, org);
  await runCollector(orgEventsCollector, org);
  for (const site of [siteA, siteB]) {
    const at = { api, inventory, site, orgDatasets: new Set(['org.events']) };
    await runCollector(upmCollector('jira'), at);
    if (site.products.includes('confluence')) await runCollector(upmCollector('confluence'), at);
    await runCollector(appsForgeCollector, at);
    await runCollector(jiraAuditCollector, at);
    await runCollector(jiraUsersCollector, at);
  }
  return inventory;
}

test('UPM lists Connect, Forge and system plugins, flagging the bundled ones', async () => {
  const inventory = new MemoryInventory();
  await runCollector(upmCollector('jira'), { api, site: siteA, inventory });
  const plugins = inventory.records(`apps.upm-jira`, TINY.siteA);
  const timesheets = plugins.find((p) => p.key === 'com.tiny.timesheets');
  assert.equal(timesheets?.remotable, true);
  assert.equal(timesheets?.userInstalled, true);
  assert.equal(timesheets?.version, '2.4.1');
  const upm = plugins.find((p) => p.key === 'com.atlassian.upm.atlassian-universal-plugin-manager-plugin');
  assert.equal(upm?.optional, false);
});

test('UPM reads the licence of each installed app that uses licensing on its own page, one page each', async () => {
  await resetServed(h);
  const inventory = new MemoryInventory();
  const pages = await runCollector(upmCollector('jira'), { api, site: siteA, inventory });
  assert.deepEqual(await served(h), { 'upm.jira.list': 1, 'upm.jira.get': 1 }, 'Timesheets Pro only');
  assert.equal(pages.length, 2);
  assert.notEqual(pages[0]?.checkpoint, null);
  assert.deepEqual(
    pages[1]?.items.map((i) => i.key),
    ['com.tiny.timesheets'],
  );
  assert.equal(pages[1]?.checkpoint, null);
  const plugins = inventory.records<Rec>('apps.upm-jira', TINY.siteA);
  assert.deepEqual(plugins.find((p) => p.key === 'com.tiny.timesheets')?.license, {
    active: true,
    type: 'EVALUATION',
    evaluation: true,
    expiryDate: '2026-11-26T12:00:00.000Z', // 30 days from the install
    maintenanceExpiryDate: null,
  });
  const reporter = plugins.find((p) => p.key === 'forge-reporter');
  assert.equal(reporter?.usesLicensing, false);
  assert.equal('license' in (reporter ?? {}), false, 'not read: it uses no licensing');
});

test('a resumed UPM walk continues with the next licensed plugin without listing again', async () => {
  const inventory = new MemoryInventory();
  const first = await runCollector(upmCollector('jira'), { api, site: siteA, inventory, maxPages: 1 });
  assert.equal(first.length, 1);
  await resetServed(h);
  const rest = await runCollector(upmCollector('jira'), {
    api,
    site: siteA,
    inventory,
    resumeFrom: first[0]?.checkpoint ?? null,
  });
  assert.deepEqual(await served(h), { 'upm.jira.get': 1 });
  assert.deepEqual(
    rest.map((p) => [p.items.map((i) => i.key), p.checkpoint]),
    [[['com.tiny.timesheets'], null]],
  );
  await assert.rejects(
    runCollector(upmCollector('jira'), { api, site: siteA, resumeFrom: '{"v":1,"p":0,"n":null}' }),
    /checkpoint/,
  );
});

test('an expired evaluation UPM serves reaches the installation as an inactive licence', async () => {
  const t = tinyTenant();
  const timesheets = t.installations.find((i) => i.appKey === 'com.tiny.timesheets');
  assert.ok(timesheets);
  timesheets.license = { active: false, type: 'EVALUATION', evaluation: true };
  const g = await startHarness({ tenant: t });
  const gApi = client(g);
  try {
    const [site] = tinySites(g) as [SiteRef];
    const inventory = new MemoryInventory();
    const at = { api: gApi, inventory, site };
    await runCollector(upmCollector('jira'), at);
    await runCollector(upmCollector('confluence'), at);
    await runCollector(appsForgeCollector, at);
    await runCollector(appsInstallationsCollector, at);
    const installs = inventory.records<Rec>('apps.installations', TINY.siteA);
    assert.deepEqual(installs.find((i) => i.appKey === 'com.tiny.timesheets')?.license, {
      active: false,
      type: 'EVALUATION',
      evaluation: true,
    });
    assert.equal(installs.find((i) => i.appKey === 'forge-reporter')?.license, null);
  } finally {
    await gApi.close();
    await g.stop();
  }
});

test('the GraphQL gateway gives Forge installations of both products in one walk, with scopes and egress', async () => {
  await resetServed(h);
  const inventory = new MemoryInventory();
  await runCollector(appsForgeCollector, { api, site: siteA, inventory });
  assert.deepEqual(await served(h), { 'graphql.appInstallations.list': 1 });
  const forge = inventory.records('apps.forge', TINY.siteA);
  assert.deepEqual(
    forge.map((f) => [f.name, f.product, f.environmentType]),
    [
      ['Forge Reporter', 'jira', 'DEVELOPMENT'],
      ['Forge Reporter', 'confluence', 'DEVELOPMENT'],
    ],
  );
  assert.deepEqual(forge[0]?.scopes, ['read:jira-work', 'manage:jira-configuration']);
  assert.deepEqual(forge[0]?.egress, ['*.unknown.example']);
  assert.equal(forge[0]?.appId, 'a7f0e6c2-0000-4000-8000-0000000000f1');
});

test('an administrator of Jira alone gets the Jira apps from the gateway, and the Confluence ones named as unread', async () => {
  await resetServed(h);
  const access = {
    cloudId: TINY.siteA,
    accountId: TINY.admin,
    jiraAdmin: true,
    confluenceAdmin: false,
    role: 'product-admin' as const,
    evidence: [],
  };
  const pages = await runCollector(appsForgeCollector, { api, site: siteA, access });
  assert.deepEqual(await served(h), { 'graphql.appInstallations.list': 1 });
  assert.deepEqual(
    pages.flatMap((p) => p.items.map((i) => (i.data as Rec).product)),
    ['jira'],
  );
  assert.deepEqual(pages.at(-1)?.partial, {
    reason: 'the apps of Confluence were not read: the gateway lists them only to its administrators',
    missing: 'Confluence administrator',
  });
});

test('installations say who installed an app and when, from the audit trail', async () => {
  const inventory = await appInventory();
  await resetServed(h);
  await runCollector(appsInstallationsCollector, {
    api,
    site: siteA,
    inventory,
    orgDatasets: new Set(['org.events']),
  });
  assert.deepEqual(await served(h), {}, 'a derived dataset calls no API');
  const installs = inventory.records<Rec>('apps.installations', TINY.siteA);
  assert.deepEqual(
    installs.map((i) => `${i.product}:${i.appKey}:${i.framework}`).sort(),
    ['confluence:forge-reporter:forge', 'jira:com.tiny.timesheets:connect', 'jira:forge-reporter:forge'],
    'the Emoji system app is not an installed app',
  );
  const timesheets = installs.find((i) => i.appKey === 'com.tiny.timesheets');
  assert.equal(timesheets?.installedBy, TINY.member);
  assert.equal(timesheets?.installedByName, 'Mo Member');
  assert.equal(timesheets?.installedAt, '2026-10-27T12:00:00.000Z');
  assert.equal(timesheets?.installSource, 'jira-audit');
  assert.equal(timesheets?.appAccountId, TINY.appConnect);
  assert.deepEqual(
    timesheets?.license,
    { active: true, type: 'EVALUATION', evaluation: true },
    "UPM's licence",
  );
  const reporter = installs.find((i) => i.appKey === 'forge-reporter' && i.product === 'jira');
  assert.deepEqual(reporter?.scopes, ['read:jira-work', 'manage:jira-configuration']);
  assert.equal(reporter?.environmentType, 'DEVELOPMENT');
  // No audit record names it: the gateway's installation time stands in, the installer is unknown.
  assert.equal(reporter?.installedAt, '2026-09-12T12:00:00.000Z');
  assert.equal(reporter?.installedBy, null);
  assert.equal(reporter?.installSource, 'forge');
});

test('with only the org events, the installer still comes from the audit', async () => {
  const inventory = await appInventory();
  inventory.data.delete(`jira.audit@${TINY.siteA}`);
  await runCollector(appsInstallationsCollector, {
    api,
    site: siteA,
    inventory,
    orgDatasets: new Set(['org.events']),
  });
  const timesheets = inventory
    .records('apps.installations', TINY.siteA)
    .find((i) => i.appKey === 'com.tiny.timesheets');
  assert.equal(timesheets?.installedBy, TINY.member);
  assert.equal(timesheets?.installSource, 'org-events');
});

test('the Marketplace is read anonymously per app: a listing for Timesheets Pro, a miss for Forge Reporter', async () => {
  const inventory = await appInventory();
  const cache = memoryCache();
  await resetServed(h);
  const pages = await runCollector(appsMarketplaceCollector({ marketplaceCache: cache }), {
    api,
    inventory,
    orgId: TINY.orgId,
  });
  assert.deepEqual(await served(h), {
    'marketplace.addon.get': 2,
    'marketplace.addonPrivacy.get': 1,
    'marketplace.vendor.get': 1,
  });
  const answers = pages.flatMap((p) => p.items.map((i) => i.data as Rec));
  const timesheets = answers.find((a) => a.appKey === 'com.tiny.timesheets');
  assert.equal(timesheets?.listed, true);
  assert.equal(timesheets?.version, '2.4.1');
  assert.equal(timesheets?.bugBounty, 'approved');
  assert.equal(timesheets?.cloudFortified, 'not-requested');
  assert.equal(timesheets?.cloudSecurityApproved, false);
  assert.equal(timesheets?.vendorName, 'Tiny Tools Ltd');
  assert.deepEqual(timesheets?.declaredScopes, ['READ', 'WRITE', 'ACT_AS_USER']);
  assert.equal((timesheets?.privacy as Rec | undefined)?.storesDataOutsideAtlassian, true);
  const reporter = answers.find((a) => a.appKey === 'forge-reporter');
  assert.equal(reporter?.listed, false);
  assert.equal(
    answers.some((a) => a.appKey === 'com.atlassian.jira.emoji'),
    false,
  );

  // Cached per version: the next sync asks the Marketplace nothing.
  assert.equal(cache.entries.size, 2);
  await resetServed(h);
  const again = await runCollector(appsMarketplaceCollector({ marketplaceCache: cache }), {
    api,
    inventory,
    orgId: TINY.orgId,
  });
  assert.deepEqual(await served(h), {});
  assert.deepEqual(
    again.flatMap((p) => p.items.map((i) => i.data)),
    answers,
  );
});

test('the Marketplace collector needs no credential', async () => {
  const inventory = await appInventory();
  const bare = client(h, {});
  try {
    const pages = await runCollector(appsMarketplaceCollector({ marketplaceCache: memoryCache() }), {
      api: bare,
      inventory,
      orgId: TINY.orgId,
    });
    assert.equal(pages.flatMap((p) => p.items).length, 2);
  } finally {
    await bare.close();
  }
});

// Two apps the gateway and UPM both list: Atlassian's own Forms for Jira (Forge: in UPM it looks like
// a bundled plugin, optional, not user-installed, by "Atlassian") and Tiny Sync (Connect-on-Forge:
// a remotable plugin that also has a Forge app id). Both on acme Jira.
const FORMS_ID = 'f0f0f0f0-0000-4000-8000-0000000000a1';
const SYNC_ID = 'f0f0f0f0-0000-4000-8000-0000000000a2';

function withGatewayApps(): Tenant {
  const t = tinyTenant();
  const base = {
    scopes: ['read:jira-work'],
    egress: [],
    developmentMode: false,
    products: ['jira' as const],
  };
  t.apps.push(
    {
      ...base,
      key: 'com.atlassian.jira.forms',
      name: 'Forms for Jira',
      description: 'Forms, built by Atlassian.',
      version: '3.2.1',
      framework: 'forge',
      appId: FORMS_ID,
      vendor: { id: 1, name: 'Atlassian', url: 'https://www.atlassian.com' },
      listed: true,
    },
    {
      ...base,
      key: 'com.tiny.sync',
      name: 'Tiny Sync',
      description: 'Sync on Forge',
      version: '1.2.0-AC',
      framework: 'connect',
      appId: SYNC_ID,
      vendor: { name: 'Tiny Tools Ltd', url: 'https://tinytools.example' },
      baseUrl: 'https://sync.tinytools.example',
      listed: false,
    },
  );
  const install = {
    siteId: TINY.siteA,
    product: 'jira' as const,
    installedAt: '2026-10-01T12:00:00.000Z',
    installedBy: TINY.admin,
    appAccountId: TINY.appForge,
    license: null,
    environment: 'PRODUCTION' as const,
  };
  t.installations.push(
    { ...install, appKey: 'com.atlassian.jira.forms', enabled: false, userInstalled: false },
    { ...install, appKey: 'com.tiny.sync', enabled: true, userInstalled: true },
  );
  t.marketplace.vendors.push({
    id: 1,
    name: 'Atlassian',
    isAtlassian: true,
    topVendor: 'approved',
    cloudSecurityApproved: true,
    homePage: 'https://www.atlassian.com',
    email: 'security@atlassian.com',
  });
  t.marketplace.listings.push({
    appKey: 'com.atlassian.jira.forms',
    id: 1211002,
    vendorId: 1,
    cloudFortified: 'not-requested',
    bugBounty: 'approved',
    storesPersonalData: false,
    totalInstalls: 60000,
    totalUsers: 900000,
    downloads: 70000,
    averageStars: 4.1,
    reviewCount: 95,
    lastReleaseDate: '2026-09-01T12:00:00.000Z',
    paymentModel: 'free',
    privacy: null,
  });
  return t;
}

test("an app both UPM and the gateway list is stored once, under its app key, with UPM's state and the gateway's id", async () => {
  const g = await startHarness({ tenant: withGatewayApps() });
  const gApi = client(g);
  try {
    const [site] = tinySites(g) as [SiteRef];
    const inventory = new MemoryInventory();
    const org = { api: gApi, inventory, orgId: TINY.orgId };
    await runCollector(orgWorkspacesCollector, org);
    const at = { api: gApi, inventory, site };
    await runCollector(upmCollector('jira'), at);
    await runCollector(upmCollector('confluence'), at);
    await runCollector(appsForgeCollector, at);
    await resetServed(g);
    await runCollector(appsInstallationsCollector, at);
    assert.deepEqual(await served(g), {}, 'matching calls no API');

    const installs = inventory.records<Rec>('apps.installations', TINY.siteA);
    assert.deepEqual(
      installs.map((i) => `${i.product}:${i.appKey}:${i.framework}`).sort(),
      [
        'confluence:forge-reporter:forge',
        'jira:com.atlassian.jira.forms:forge',
        'jira:com.tiny.sync:connect',
        'jira:com.tiny.timesheets:connect',
        'jira:forge-reporter:forge',
      ],
      'no app twice, none under forge:<appId>, the Emoji system plugin still left out',
    );
    const forms = installs.find((i) => i.appKey === 'com.atlassian.jira.forms');
    assert.deepEqual(
      [forms?.appId, forms?.enabled, forms?.userInstalled, forms?.version, forms?.vendorName],
      [FORMS_ID, false, false, '3.2.1', 'Atlassian'],
      "Atlassian's Forge app carries UPM's state",
    );
    const sync = installs.find((i) => i.appKey === 'com.tiny.sync');
    assert.deepEqual(
      [sync?.appId, sync?.enabled, sync?.userInstalled, sync?.version, sync?.environmentType],
      [SYNC_ID, true, true, '1.2.0-AC', 'PRODUCTION'],
      'the Connect-on-Forge app records its Forge app id',
    );

    await resetServed(g);
    const pages = await runCollector(appsMarketplaceCollector({ marketplaceCache: memoryCache() }), org);
    const answers = pages.flatMap((p) => p.items.map((i) => i.data as Rec));
    assert.deepEqual(answers.map((a) => a.appKey).sort(), [
      'com.atlassian.jira.forms',
      'com.tiny.sync',
      'com.tiny.timesheets',
      'forge-reporter',
    ]);
    const formsAnswer = answers.find((a) => a.appKey === 'com.atlassian.jira.forms');
    assert.deepEqual(
      [formsAnswer?.listed, formsAnswer?.version, formsAnswer?.isAtlassian],
      [true, '3.2.1', true],
    );
    assert.equal((await served(g))['marketplace.addon.get'], 4, 'one listing read per app');
  } finally {
    await gApi.close();
    await g.stop();
  }
});

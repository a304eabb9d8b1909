import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { addListedForgeApp } from '../testing/listed-forge-app.ts';
import { tinyTenant } from '../testing/tiny-tenant.ts';

// What the Marketplace says about an app and its vendor. The bodies are held against the official
// spec (with the fields it predates) by test/contract/responses.test.ts.

// The tiny tenant plus a listed Forge app whose vendor never filled the privacy form.
const h = useHarness({ tenant: () => addListedForgeApp(tinyTenant()) });

const mp = (path: string) => `${h.marketplace}/rest/2${path}`;

interface Json {
  [key: string]: unknown;
}

test('an app listing shows trust programmes, installs, reviews and its vendor', async () => {
  const res = await h.get(mp('/addons/com.tiny.timesheets'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const addon = (await res.json()) as Json & { _embedded: Json };
  assert.equal(addon.key, 'com.tiny.timesheets');
  assert.equal(addon.name, 'Timesheets Pro');
  assert.equal(addon.status, 'public');
  assert.deepEqual(addon.programs, {
    cloudFortified: { status: 'not-requested' },
    bugBountyParticipant: { cloud: { status: 'approved' } },
  });
  assert.equal(addon.storesPersonalData, true);
  assert.deepEqual(addon._embedded.distribution, {
    bundled: false,
    bundledCloud: false,
    downloads: 9100,
    totalInstalls: 1520,
    totalUsers: 48000,
  });
  assert.deepEqual(addon._embedded.reviews, { averageStars: 3.7, count: 41 });
  const vendor = addon._embedded.vendor as Json & { _links: { self: { href: string } } };
  assert.equal(vendor.name, 'Tiny Tools Ltd');
  assert.equal(vendor._links.self.href, '/rest/2/vendors/501');
  assert.deepEqual(vendor.programs, { topVendor: { status: 'not-requested' } });
  assert.equal(addon._embedded.version, undefined);
});

test('every Marketplace resource link is relative to the host', async () => {
  const addon = await h.json(mp('/addons/com.tiny.timesheets?withVersion=true'));
  const hrefs: string[] = [];
  const walk = (v: unknown, inLinks: boolean) => {
    if (Array.isArray(v)) for (const x of v) walk(x, inLinks);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (inLinks && (k === 'href' || k === 'template') && typeof x === 'string') hrefs.push(x);
        else walk(x, inLinks || k === '_links');
      }
    }
  };
  walk(addon, false);
  assert.ok(hrefs.length > 10);
  for (const href of hrefs) {
    assert.ok(href.startsWith('/') || href.startsWith('https://developer.atlassian.com/'), href);
  }
});

test('withVersion=true embeds the latest version in the listing', async () => {
  const addon = (await h.json(mp('/addons/com.tiny.timesheets?withVersion=true&hosting=cloud'))) as Json & {
    _embedded: { version: Json };
  };
  assert.equal(addon._embedded.version.name, '2.4.1');
  assert.deepEqual(addon._embedded.version, await h.json(mp('/addons/com.tiny.timesheets/versions/latest')));
});

test('the latest version of a Connect app declares its Connect scopes', async () => {
  const version = (await h.json(mp('/addons/com.tiny.timesheets/versions/latest?hosting=cloud'))) as Json & {
    deployment: Json & { permissions: Json[] };
    release: Json;
  };
  assert.equal(version.buildNumber, 2004001);
  assert.equal(version.name, '2.4.1');
  assert.equal(version.paymentModel, 'atlassian');
  assert.equal(version.release.date, tinyTenant().marketplace.listings[0]?.lastReleaseDate.slice(0, 10));
  assert.equal(version.deployment.connect, true);
  assert.equal(version.deployment.cloud, true);
  assert.deepEqual(
    version.deployment.permissions.map((p) => [p.key, p.name, p.description]),
    [
      ['READ', 'Read', 'Can view, browse and read information from Jira.'],
      ['WRITE', 'Write', 'Can create or edit content in Jira, but not delete it.'],
      [
        'ACT_AS_USER',
        'Act as user',
        'Can act on behalf of any user of Jira, even when the user is not using the app.',
      ],
    ],
  );
  assert.equal(version.cloud, undefined);
});

test('the latest version of a Forge app declares its scopes with the specs’ descriptions', async () => {
  const version = (await h.json(mp('/addons/com.tiny.forge-audit/versions/latest'))) as Json & {
    deployment: Json;
    cloud: Json & { appScopes: Json[] };
  };
  assert.equal(version.deployment.connect, false);
  assert.deepEqual(version.deployment.permissions, []);
  assert.equal(version.cloud.appId, 'b8e1d0c2-0000-4000-8000-0000000000a1');
  assert.match(String(version.cloud.appEnvironmentId), /^[0-9a-f-]{36}$/);
  assert.deepEqual(
    version.cloud.appScopes.map((s) => [s.key, s.name, s.description]),
    [
      [
        'read:jira-work',
        'View Jira issue data',
        'Read project and issue data. Search for issues and objects associated with issues (such as attachments and worklogs).',
      ],
      [
        'read:confluence-content.all',
        'Read all content, including content body',
        'Read all content, including content body (expansions permitted). Note, APIs using this scope may also return data allowed by read:confluence-space.summary. However, this scope is not a substitute for read:confluence-space.summary.',
      ],
      ['storage:app', 'storage:app', 'storage:app'],
    ],
  );
  const addon = (await h.json(mp('/addons/com.tiny.forge-audit'))) as Json;
  assert.deepEqual(addon.programs, {
    cloudFortified: { status: 'approved' },
    bugBountyParticipant: { cloud: { status: 'not-requested' } },
  });
});

test('privacy and security answers come from the listing', async () => {
  const privacy = (await h.json(mp('/addons/com.tiny.timesheets/privacy-and-security'))) as Record<
    string,
    Json
  >;
  assert.deepEqual(privacy.dataAccessAndStorage, {
    isSameDataProcessedAndStored: true,
    appProcessEUDOutsideAtlassian: true,
    typesOfDataAccessed: ['Personal data (names, e-mail addresses)', 'Product content'],
    appStoresEUDOutsideAtlassian: true,
    typesOfDataStored: ['Personal data (names, e-mail addresses)', 'Product content'],
  });
  assert.deepEqual(privacy.thirdPartyInformation, {
    isEndUserDataShared: false,
    dataSubProcessors: 'AWS',
    thirdPartyDetails: [],
  });
  assert.deepEqual(privacy.dataResidency, {
    isDataResidencySupported: 'STORED_OUTSIDE_ATLASSIAN_N_DR_NOT_SUPPORTED',
  });
  assert.equal(privacy.security?.isDiskEncryptionSupported, true);
});

test('an app without published privacy answers has no privacy-and-security resource', async () => {
  const res = await h.get(mp('/addons/com.tiny.forge-audit/privacy-and-security'));
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), {
    errors: [{ message: "The resource does not exist or isn't visible to you" }],
  });
});

test('a vendor shows its programmes and security approvals', async () => {
  const vendor = (await h.json(mp('/vendors/501'))) as Json & { _links: Json };
  assert.equal(vendor.id, 501);
  assert.equal(vendor.name, 'Tiny Tools Ltd');
  assert.equal(vendor.email, 'security@tinytools.example');
  assert.deepEqual(vendor.vendorLinks, { homePage: 'https://tinytools.example' });
  assert.deepEqual(vendor.programs, { topVendor: { status: 'not-requested' } });
  assert.deepEqual(vendor.cloudSecurity, { approved: false });
  assert.equal(vendor.isAtlassian, false);
  assert.deepEqual(vendor._links.self, { href: '/rest/2/vendors/501' });
});

test('unlisted, system and unknown apps are not on the Marketplace', async () => {
  for (const key of ['forge-reporter', 'com.atlassian.jira.emoji', 'no.such.app']) {
    for (const suffix of ['', '/versions/latest', '/privacy-and-security']) {
      const res = await h.get(mp(`/addons/${key}${suffix}`));
      assert.equal(res.status, 404, `${key}${suffix}`);
      assert.deepEqual(await res.json(), {
        errors: [{ message: "The resource does not exist or isn't visible to you" }],
      });
    }
  }
  for (const id of ['999', 'abc']) assert.equal((await h.get(mp(`/vendors/${id}`))).status, 404);
});

test('an app is not visible through filters it does not match', async () => {
  assert.equal((await h.get(mp('/addons/com.tiny.timesheets?hosting=server'))).status, 404);
  assert.equal((await h.get(mp('/addons/com.tiny.timesheets?hosting=server,cloud'))).status, 200);
  assert.equal((await h.get(mp('/addons/com.tiny.timesheets?application=confluence'))).status, 404);
  assert.equal(
    (await h.get(mp('/addons/com.tiny.timesheets/versions/latest?hosting=datacenter'))).status,
    404,
  );
  assert.equal((await h.get(mp('/addons/com.tiny.forge-audit?application=confluence'))).status, 200);
});

test('reads need no credentials, and an account API token is accepted but a wrong one is a 401', async () => {
  assert.equal((await h.get(mp('/addons/com.tiny.timesheets'), h.memberBasic)).status, 200);
  const wrong = await h.get(mp('/vendors/501'), h.basic('mo@acme.example', 'wrong-token'));
  assert.equal(wrong.status, 401);
  assert.deepEqual(await wrong.json(), {
    errors: [{ message: 'Client must be authenticated to access this resource.' }],
  });
});

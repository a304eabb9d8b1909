import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../../../simulator/testing/dc-tenant.ts';
import { type Harness, useHarness } from '../../../simulator/testing/harness.ts';
import type { SiteRef } from '../../atlassian/api.ts';
import { type AtlassianClient, createAtlassianClient } from '../../atlassian/client.ts';
import { DATA_CENTER_PRODUCTS } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { planTasks } from '../plan-tasks.ts';
import { collector as accessTokenPolicy } from './dc-access-token-policy.ts';
import { collector as admins } from './dc-admins.ts';
import { collector as applicationLinks } from './dc-application-links.ts';
import { collector as auditSettings } from './dc-audit-settings.ts';
import { collector as globalPermissions } from './dc-global-permissions.ts';
import { collector as passwordPolicy } from './dc-password-policy.ts';
import { newerVersion, collector as plugins } from './dc-plugins.ts';
import { collector as securitySettings } from './dc-security-settings.ts';
import { collector as serverInfo } from './dc-server-info.ts';
import { periodDays } from './dc-sources.ts';
import { collector as userDirectories } from './dc-user-directories.ts';
import { minimumCalls } from './minimum-calls.ts';
import { type MemoryInventory, syncAll } from './test-support.ts';

// The Data Center collectors against the simulator's DC sites: what a misconfigured and a clean
// site's records say, how a plain user's token and the resources real instances lack end up.

const ALL: Collector[] = [
  serverInfo,
  globalPermissions,
  securitySettings,
  passwordPolicy,
  accessTokenPolicy,
  admins,
  auditSettings,
  userDirectories,
  applicationLinks,
  plugins,
];

type Rec = Record<string, unknown>;
type Product = (typeof DATA_CENTER_PRODUCTS)[number];

function dcClient(
  h: Harness,
  product: Product,
  who: 'admin' | 'user' = 'admin',
): { api: AtlassianClient; site: SiteRef } {
  const served = servedDcSite(h.sim, product);
  const api = createAtlassianClient({
    credentials: {
      dataCenterToken: who === 'admin' ? served.credentials.adminToken : served.credentials.userToken,
    },
    allowHosts: [new URL(served.url).host],
    baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth },
  });
  const site: SiteRef = { cloudId: served.id, url: served.url, products: [product] };
  return { api, site };
}

async function syncSite(h: Harness, product: Product, who: 'admin' | 'user' = 'admin') {
  const { api, site } = dcClient(h, product, who);
  try {
    const run = await syncAll(ALL, { api, sites: [site] });
    const one = (dataset: string): Rec | undefined => run.inventory.records(dataset, site.cloudId)[0];
    const all = (dataset: string): Rec[] => run.inventory.records(dataset, site.cloudId);
    return { run, one, all, site, inventory: run.inventory as MemoryInventory };
  } finally {
    await api.close();
  }
}

describe('a misconfigured Data Center pair', () => {
  const h = useHarness({ tenant: () => dataCenterTenant('misconfigured') });

  test('Jira: an end-of-life version, public sign-up, no CAPTCHA, WebSudo off and the picker open to anyone', async () => {
    const { one } = await syncSite(h, 'jira-data-center');
    assert.deepEqual(
      { ...one('dc.server-info') },
      {
        product: 'jira-data-center',
        baseUrl: `https://${servedDcSite(h.sim, 'jira-data-center').host}`,
        version: '8.20.10',
        versionNumbers: [8, 20, 10],
        buildNumber: 820010,
        buildDate: '2022-06-22T00:00:00.000+0000',
        deploymentType: 'Server',
        serverTitle: 'Acme Jira',
      },
    );
    const s = one('dc.security-settings');
    assert.equal(s?.publicSignup, true);
    assert.equal(s?.captchaEnabled, false);
    assert.equal(s?.captchaAfterFailedLogins, null);
    assert.equal(s?.webSudoEnabled, false);
    assert.equal(s?.anonymousUserPicker, true);
    assert.equal(s?.anonymousAccess, true);
    assert.equal(one('dc.password-policy')?.enabled, false);
    assert.deepEqual(
      { ...one('dc.access-token-policy') },
      {
        product: 'jira-data-center',
        exposed: true,
        creationEnabled: true,
        expiryRequired: false,
        maxExpiryDays: null,
      },
    );
  });

  test('Jira: seven active system administrators, the departed one counted apart', async () => {
    const { all } = await syncSite(h, 'jira-data-center');
    const sysadmins = all('dc.admins').find((r) => r.right === 'system-admin');
    assert.equal(sysadmins?.count, 7);
    assert.equal(sysadmins?.inactiveCount, 1);
    assert.deepEqual(sysadmins?.groups, ['jira-system-administrators']);
  });

  test('Jira: the outdated app’s expired licence and newer version, the disabled WebSudo plugin', async () => {
    const { all } = await syncSite(h, 'jira-data-center');
    const byKey = new Map(all('dc.plugins').map((p) => [p.key, p]));
    const outdated = byKey.get('com.marlinworks.jira-excel-import');
    assert.equal(outdated?.version, '2.1.0');
    assert.equal(outdated?.latestVersion, '4.0.3');
    assert.equal(outdated?.updateAvailable, true);
    const licence = outdated?.license as Rec;
    assert.equal(licence.valid, false);
    assert.equal(licence.status, 'EXPIRED');
    assert.ok(String(licence.expiryDate) < '2026-11-01');
    const websudo = byKey.get('com.atlassian.jira.jira-websudo-plugin');
    assert.equal(websudo?.enabled, false);
    assert.equal(websudo?.system, true);
    assert.equal(websudo?.securityRole, 'websudo');
    assert.equal(byKey.get('com.harbortools.jira-workflow-toolkit')?.updateAvailable, false);
  });

  test('Jira: audit covers only its own log, kept 30 days; a link points at an unknown host', async () => {
    const { one, all } = await syncSite(h, 'jira-data-center');
    const audit = one('dc.audit-settings');
    assert.equal(audit?.coverageLevel, 'OFF');
    assert.equal(audit?.retentionDays, 30);
    const link = all('dc.application-links').find((l) => l.host === 'bamboo.old-contractor.example');
    assert.equal(link?.trustedApps, true);
    assert.equal(link?.oauthImpersonation, true);
  });

  test('Confluence: its version from the manifest, anonymous access, and no audit record with the audit plugin off', async () => {
    const { one, run, site } = await syncSite(h, 'confluence-data-center');
    assert.equal(one('dc.server-info')?.version, '7.19.8');
    const s = one('dc.security-settings');
    assert.equal(s?.anonymousAccess, true);
    assert.equal(s?.anonymousRemoteApi, true);
    assert.equal(s?.publicSignup, true);
    assert.equal(one('dc.audit-settings'), undefined);
    const auditPages = run.pages.get(`dc.audit-settings@${site.cloudId}`) ?? [];
    assert.match(auditPages[0]?.partial?.reason ?? '', /audit configuration/);
  });

  test('each collector makes exactly the calls its cost declares, on both sites', async () => {
    for (const product of DATA_CENTER_PRODUCTS) {
      const { api, site } = dcClient(h, product);
      try {
        const { inventory, calls } = await syncAll(ALL, { api, sites: [site] });
        const budget = minimumCalls(ALL, (d, scope) => inventory.records(d, scope), {
          org: false,
          sites: [site],
        });
        assert.deepEqual(Object.fromEntries(calls), budget.byTask, product);
      } finally {
        await api.close();
      }
    }
  });

  test('Confluence: six system administrators', async () => {
    const { all } = await syncSite(h, 'confluence-data-center');
    assert.equal(all('dc.admins').find((r) => r.right === 'system-admin')?.count, 6);
    // From Confluence 10's documented `/rest/api/permissions` (operation + subject pairs).
    const grants = new Map(all('dc.global-permissions').map((g) => [g.permission, g]));
    assert.equal(grants.get('USECONFLUENCE')?.anonymous, true);
    assert.deepEqual(grants.get('SYSTEMADMINISTRATOR')?.groups, ['confluence-system-administrators']);
  });
});

describe('a clean Data Center pair', () => {
  const h = useHarness({ tenant: () => dataCenterTenant('clean') });

  test('Jira: a supported version, private mode, CAPTCHA after 3, WebSudo on, tokens must expire within 90 days', async () => {
    const { one } = await syncSite(h, 'jira-data-center');
    assert.equal(one('dc.server-info')?.version, '11.3.2');
    const s = one('dc.security-settings');
    assert.equal(s?.publicSignup, false);
    assert.equal(s?.captchaAfterFailedLogins, 3);
    assert.equal(s?.webSudoEnabled, true);
    assert.equal(s?.anonymousUserPicker, false);
    assert.equal(s?.anonymousAccess, false);
    assert.equal(one('dc.access-token-policy')?.maxExpiryDays, 90);
    assert.equal(one('dc.access-token-policy')?.expiryRequired, true);
  });

  test('Confluence: anonymous access off, audit on everywhere for three years, LDAP over TLS', async () => {
    const { one, all } = await syncSite(h, 'confluence-data-center');
    assert.equal(one('dc.security-settings')?.anonymousAccess, false);
    assert.equal(one('dc.audit-settings')?.coverageLevel, 'BASE');
    assert.equal(one('dc.audit-settings')?.retentionDays, 3 * 365);
    const ldap = all('dc.user-directories').find((d) => d.type === 'CONNECTOR');
    assert.equal(ldap?.secureConnection, true);
    assert.equal(ldap?.order, 2);
    assert.ok(
      all('dc.plugins').every((p) => p.userInstalled === false || (p.license as Rec | null)?.valid === true),
    );
  });

  test('a plain user’s token reads the version, and every admin dataset is refused', async () => {
    const { api, site } = dcClient(h, 'jira-data-center', 'user');
    try {
      const run = await syncAll([serverInfo], { api, sites: [site] });
      assert.equal(run.inventory.records('dc.server-info', site.cloudId)[0]?.version, '11.3.2');
      await assert.rejects(syncAll([plugins], { api, sites: [site] }), (e: unknown) => {
        const code = (e as { code?: unknown }).code;
        return code === 'credential_rejected' || code === 'forbidden';
      });
      await assert.rejects(syncAll([securitySettings], { api, sites: [site] }), { code: 'forbidden' });
    } finally {
      await api.close();
    }
  });
});

describe('a real instance, which lacks the resources Atlassian does not document', () => {
  // Real Jira and Confluence DC answer 404 where the simulator serves its stand-ins.
  const undocumented = [
    'dc.jira.globalPermissions.list',
    'dc.jira.userDirectories.list',
    'dc.confluence.globalPermissions.list',
    'dc.confluence.securitySettings.get',
    'dc.confluence.userDirectories.list',
  ];
  const h = useHarness({
    tenant: () => dataCenterTenant('misconfigured'),
    faults: { rules: [{ endpoints: undocumented, errorRate: 1, errorStatus: 404 }] },
  });

  test('Jira: the documented password policy read still says whether a policy is on', async () => {
    const { one } = await syncSite(h, 'jira-data-center');
    assert.equal(one('dc.password-policy')?.enabled, false);
  });

  test('Jira: holders and directories are left empty and partial, admins counted from the default groups', async () => {
    const { all, run, site } = await syncSite(h, 'jira-data-center');
    const partial = (dataset: string) =>
      run.pages.get(`${dataset}@${site.cloudId}`)?.[0]?.partial?.reason ?? '';
    assert.deepEqual(all('dc.global-permissions'), []);
    assert.match(partial('dc.global-permissions'), /not exposed over REST/);
    assert.deepEqual(all('dc.user-directories'), []);
    assert.match(partial('dc.admins'), /default group jira-system-administrators assumed/);
    assert.equal(all('dc.admins').find((r) => r.right === 'system-admin')?.count, 7);
    // Anonymous access is then unknown, not "off"; the picker probe still answers.
    assert.equal(all('dc.security-settings')[0]?.anonymousAccess, null);
    assert.equal(all('dc.security-settings')[0]?.anonymousUserPicker, true);
  });

  test('Confluence: the security facts are unknown (null), never passed, and the probe still sees anonymous access', async () => {
    const { one, run, site } = await syncSite(h, 'confluence-data-center');
    const s = one('dc.security-settings');
    assert.equal(s?.webSudoEnabled, null);
    assert.equal(s?.captchaEnabled, null);
    assert.equal(s?.anonymousAccess, true);
    assert.equal(one('dc.password-policy')?.enabled, null);
    assert.equal(one('dc.access-token-policy')?.exposed, false);
    const note = run.pages.get(`dc.security-settings@${site.cloudId}`)?.[0]?.partial;
    assert.match(note?.missing ?? '', /attestation/);
  });
});

test('Data Center collectors never run on a Cloud site, and Cloud ones never on a DC site', () => {
  const cloud: SiteRef = {
    cloudId: 'cloud',
    url: 'https://acme.atlassian.net',
    products: ['jira', 'confluence'],
  };
  const dc: SiteRef = { cloudId: 'dc', url: 'https://jira.acme-dc.example', products: ['jira-data-center'] };
  const onCloud = planTasks(ALL, { sites: [cloud] });
  assert.deepEqual(onCloud.tasks, []);
  const onDc = planTasks(ALL, { sites: [dc] });
  assert.equal(onDc.tasks.length, ALL.length);
});

test('versions compare by number, and audit periods read as days', () => {
  assert.equal(newerVersion('4.0.3', '2.1.0'), true);
  assert.equal(newerVersion('10.0.0', '9.9.9'), true);
  assert.equal(newerVersion('2.1.0', '2.1.0'), false);
  assert.equal(periodDays('P3Y'), 1095);
  assert.equal(periodDays('P1Y6M'), 545);
  assert.equal(periodDays('P30D'), 30);
  assert.equal(periodDays('forever'), null);
});

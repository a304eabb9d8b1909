// Scenario layer for apps: Marketplace vendors, apps with their installations, app accounts,
// licences, Marketplace listings, install audit events and app-provided Jira fields.

import { ATLASSIAN_VENDOR } from './gen-apps.ts';
import { ADDONS_GROUP } from './gen-groups.ts';
import { defaultLicense, license, makeAppUser } from './gen-installations.ts';
import { addAppField } from './gen-jira-fields.ts';
import type { LayerContext } from './gen-layer-context.ts';
import { isoDaysAgo } from './gen-util.ts';
import type { App, AppVendor, Installation, MarketplaceListing, MarketplaceVendor } from './model.ts';
import type { ScenarioApp, ScenarioSpec } from './scenario.ts';

export function applyVendors(ctx: LayerContext, vendors: ScenarioSpec['vendors']): void {
  const list = ctx.tenant.marketplace.vendors;
  const seen = new Set<number>();
  vendors.forEach((v, i) => {
    if (seen.has(v.id)) ctx.fail(`vendors[${i}].id`, `vendor id ${v.id} is declared twice`);
    seen.add(v.id);
    const vendor: MarketplaceVendor = {
      id: v.id,
      name: v.name,
      isAtlassian: v.isAtlassian ?? false,
      topVendor: v.topVendor ?? 'not-requested',
      cloudSecurityApproved: v.cloudSecurityApproved ?? false,
      homePage: v.homePage,
      email: v.email ?? `security@${new URL(v.homePage).hostname.replace(/^www\./, '')}`,
    };
    const at = list.findIndex((x) => x.id === v.id);
    if (at >= 0) list[at] = vendor;
    else list.push(vendor);
  });
}

function resolveVendor(ctx: LayerContext, app: ScenarioApp, path: string): AppVendor {
  if (typeof app.vendor !== 'string') {
    if (app.listed)
      ctx.fail(`${path}.vendor`, 'a listed app needs a Marketplace vendor: name one from vendors:');
    return { name: app.vendor.name, url: app.vendor.url };
  }
  const vendors = ctx.tenant.marketplace.vendors;
  let vendor = vendors.find((v) => v.name === app.vendor);
  if (!vendor && app.vendor === ATLASSIAN_VENDOR.name) {
    vendor = { ...ATLASSIAN_VENDOR };
    vendors.push(vendor);
  }
  if (!vendor) ctx.fail(`${path}.vendor`, `unknown vendor "${app.vendor}" (declare it under vendors:)`);
  // A system app ships with the product: it names its vendor but has no Marketplace listing.
  return app.listed
    ? { id: vendor.id, name: vendor.name, url: vendor.homePage }
    : { name: vendor.name, url: vendor.homePage };
}

/** Removes an app (and what hangs off it) so a scenario can redefine a generated one. */
function removeApp(ctx: LayerContext, key: string): string | undefined {
  const t = ctx.tenant;
  t.apps = t.apps.filter((a) => a.key !== key);
  const accountIds = new Set(t.installations.filter((i) => i.appKey === key).map((i) => i.appAccountId));
  t.installations = t.installations.filter((i) => i.appKey !== key);
  t.marketplace.listings = t.marketplace.listings.filter((l) => l.appKey !== key);
  return [...accountIds][0];
}

export function applyApps(ctx: LayerContext, apps: ScenarioSpec['apps']): void {
  const rng = ctx.rng('apps');
  const seen = new Set<string>();
  const addons = ctx.group(ADDONS_GROUP, 'apps');
  apps.forEach((spec, i) => {
    const path = `apps[${i}]`;
    if (seen.has(spec.key)) ctx.fail(`${path}.key`, `app key "${spec.key}" is declared twice`);
    seen.add(spec.key);
    const vendor = resolveVendor(ctx, spec, path);
    if (spec.listed && !spec.marketplace)
      ctx.fail(`${path}.marketplace`, 'a listed app needs its Marketplace data');
    if (!spec.listed && spec.marketplace)
      ctx.fail(`${path}.marketplace`, 'only listed apps have Marketplace data');
    if (spec.developmentMode && spec.listed)
      ctx.fail(`${path}.developmentMode`, 'a development-mode app is not listed');
    const products = spec.products ?? [...new Set(spec.installations.map((inst) => inst.product))];
    const app: App = {
      key: spec.key,
      name: spec.name,
      description: spec.description ?? `${spec.name} by ${vendor.name}.`,
      version: spec.version ?? (spec.framework === 'connect' ? '1.0.0-AC' : '1.0.0'),
      framework: spec.framework,
      vendor,
      scopes: [...(spec.scopes ?? [])],
      egress: spec.framework === 'forge' ? [...(spec.egress ?? [])] : [],
      listed: spec.listed,
      developmentMode: spec.developmentMode ?? false,
      products,
    };
    if (spec.framework === 'forge') app.appId = spec.appId ?? rng.uuid();
    else if (spec.appId) app.appId = spec.appId;
    if (spec.framework === 'connect') {
      app.baseUrl = spec.baseUrl ?? `https://${spec.key.split('.').pop()}.${new URL(vendor.url).hostname}`;
    }
    const oldAccount = removeApp(ctx, spec.key);
    let listing: MarketplaceListing | undefined;
    if (spec.marketplace && vendor.id !== undefined) {
      const m = spec.marketplace;
      listing = {
        appKey: spec.key,
        id: m.listingId ?? 1_300_000 + i * 17,
        vendorId: vendor.id,
        cloudFortified: m.cloudFortified ?? 'not-requested',
        bugBounty: m.bugBounty ?? 'not-requested',
        storesPersonalData: m.storesPersonalData ?? spec.framework === 'connect',
        totalInstalls: m.installs,
        totalUsers: m.users ?? m.installs * 40,
        downloads: m.downloads ?? Math.round(m.installs * 1.4),
        averageStars: m.stars ?? 3.8,
        reviewCount: m.reviews ?? Math.round(m.installs / 150),
        lastReleaseDate: isoDaysAgo(ctx.now, m.lastReleaseDaysAgo ?? 30),
        paymentModel: m.paymentModel ?? 'atlassian',
        privacy:
          m.privacy === null
            ? null
            : m.privacy
              ? { ...m.privacy, subProcessors: m.privacy.subProcessors ?? [] }
              : {
                  storesDataOutsideAtlassian: spec.framework === 'connect' || app.egress.length > 0,
                  sharesWithThirdParties: false,
                  dataResidencySupported: spec.framework === 'forge',
                  diskEncryption: true,
                  subProcessors: [],
                },
      };
      ctx.tenant.marketplace.listings.push(listing);
    }
    const installations: Installation[] = spec.installations.map((inst, j) => {
      const ipath = `${path}.installations[${j}]`;
      const site = ctx.site(inst.site, `${ipath}.site`);
      if (!site[inst.product]) ctx.fail(`${ipath}.product`, `site "${site.name}" has no ${inst.product}`);
      if (!products.includes(inst.product))
        ctx.fail(`${ipath}.product`, `the app is not built for ${inst.product}`);
      const installer = inst.installedBy ? ctx.user(inst.installedBy, `${ipath}.installedBy`) : ctx.admin;
      if (installer.accountType !== 'atlassian')
        ctx.fail(`${ipath}.installedBy`, 'apps are installed by people');
      return {
        appKey: spec.key,
        siteId: site.id,
        product: inst.product,
        enabled: inst.enabled ?? true,
        userInstalled: inst.userInstalled ?? false,
        installedAt: isoDaysAgo(ctx.now, inst.installedDaysAgo ?? 180),
        installedBy: installer.accountId,
        appAccountId: '',
        license: license(inst.license ?? defaultLicense(app, listing)),
        environment: inst.environment ?? (app.developmentMode ? 'DEVELOPMENT' : 'PRODUCTION'),
      };
    });
    const seenTargets = new Set<string>();
    installations.forEach((inst, j) => {
      const target = `${inst.siteId}|${inst.product}`;
      if (seenTargets.has(target))
        ctx.fail(`${path}.installations[${j}]`, 'the app is installed twice on that site and product');
      seenTargets.add(target);
    });
    const first = installations.map((x) => x.installedAt).sort()[0] ?? ctx.now.toISOString();
    const lastDays =
      spec.lastActiveDaysAgo === undefined
        ? installations.some((x) => x.enabled)
          ? 1
          : 120
        : spec.lastActiveDaysAgo;
    const last = lastDays === null ? null : isoDaysAgo(ctx.now, lastDays);
    const existingUser = oldAccount ? ctx.tenant.users.find((u) => u.accountId === oldAccount) : undefined;
    const appUser = existingUser ?? makeAppUser(rng, app, first, last);
    Object.assign(appUser, {
      name: app.name,
      nickname: app.name,
      addedToOrg: first,
      lastActive: last && last < first ? first : last,
    });
    if (!existingUser) ctx.addUser(appUser);
    ctx.addMember(addons, appUser);
    for (const inst of installations) {
      inst.appAccountId = appUser.accountId;
      ctx.writer.appInstalled(inst, app);
      const jira =
        inst.product === 'jira' ? ctx.tenant.sites.find((s) => s.id === inst.siteId)?.jira : undefined;
      if (jira) addAppField(jira, app, rng);
    }
    ctx.tenant.apps.push(app);
    ctx.tenant.installations.push(...installations);
  });
}

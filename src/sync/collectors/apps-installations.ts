import {
  appsForge,
  appsInstallations,
  appsUpmConfluence,
  appsUpmJira,
  confluenceAudit,
  jiraAudit,
  jiraUsers,
  orgEvents,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { gatewayMatch, isInstalledApp, type UpmPlugin } from './app-plugins.ts';
import { recordsOf, requireSite } from './context.ts';
import { toItems } from './normalize.ts';

// The app inventory of a site, derived without any API call: UPM's apps (Connect and others) and
// the gateway's Forge installations merged per product, enriched with who installed each app and
// when. Atlassian exposes no installer or install date anywhere but the audit trails: the Jira
// audit log (`apps` / `App installed`, object = app key), the Confluence one (`Apps` / `App
// installed`, object = app name) and the org events (`ecosystem_app_installed`, context = the app,
// container = the site). The most recent install wins (a reinstall is a new install). Audit
// datasets are append-only, so ctx.items returns every record stored so far, not only this run's.

type Installation = RecordOf<typeof appsInstallations>;
type Forge = RecordOf<typeof appsForge>;
type Product = 'jira' | 'confluence';

interface Install {
  at: string;
  by: string | null;
  byName: string | null;
  source: 'jira-audit' | 'confluence-audit' | 'org-events';
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

function newest(a: Install | undefined, b: Install): Install {
  return !a || Date.parse(b.at) > Date.parse(a.at) ? b : a;
}

/** Install facts by `product:appKey-or-name`, from the three audit sources. */
function installsFrom(
  jira: RecordOf<typeof jiraAudit>[],
  confluence: RecordOf<typeof confluenceAudit>[],
  events: RecordOf<typeof orgEvents>[],
  cloudId: string,
): Map<string, Install> {
  const out = new Map<string, Install>();
  const put = (product: Product, id: string, install: Install) => {
    const k = `${product}:${norm(id)}`;
    out.set(k, newest(out.get(k), install));
  };
  for (const r of jira) {
    if (norm(r.category) !== 'apps' || norm(r.summary) !== 'app installed') continue;
    const install = { at: r.created, by: r.authorAccountId, byName: null, source: 'jira-audit' as const };
    if (r.objectId) put('jira', r.objectId, install);
    if (r.objectName) put('jira', r.objectName, install);
  }
  for (const r of confluence) {
    if (norm(r.category) !== 'apps' || norm(r.summary) !== 'app installed' || !r.affectedObjectName) continue;
    put('confluence', r.affectedObjectName, {
      at: r.created,
      by: r.authorAccountId,
      byName: null,
      source: 'confluence-audit',
    });
  }
  for (const e of events) {
    if (e.action !== 'ecosystem_app_installed') continue;
    if (!e.container.some((c) => norm(c.id) === norm(cloudId))) continue;
    for (const c of e.context) {
      if (!/^apps?$/.test(c.type)) continue;
      const product = norm(String(c.attributes.product ?? ''));
      const products: Product[] =
        product === 'jira' || product === 'confluence' ? [product] : ['jira', 'confluence'];
      const install = { at: e.time, by: e.actorId, byName: e.actorName, source: 'org-events' as const };
      for (const p of products) {
        for (const id of [c.id, c.attributes.key, c.attributes.name]) {
          if (typeof id === 'string' && id) put(p, id, install);
        }
      }
    }
  }
  return out;
}

export function buildInstallations(input: {
  cloudId: string;
  upm: Record<Product, UpmPlugin[]>;
  forge: Forge[];
  jiraAudit: RecordOf<typeof jiraAudit>[];
  confluenceAudit: RecordOf<typeof confluenceAudit>[];
  orgEvents: RecordOf<typeof orgEvents>[];
  users: RecordOf<typeof jiraUsers>[];
}): Installation[] {
  const installs = installsFrom(input.jiraAudit, input.confluenceAudit, input.orgEvents, input.cloudId);
  const names = new Map(input.users.map((u) => [u.accountId, u.displayName]));
  const appAccounts = new Map(
    input.users.filter((u) => u.accountType === 'app').map((u) => [norm(u.displayName), u.accountId]),
  );
  const out: Installation[] = [];
  for (const product of ['jira', 'confluence'] as const) {
    const forge = input.forge.filter((f) => f.product === product);
    // The gateway's installations no UPM plugin has claimed yet: each is one app, matched once.
    const unmatched = [...forge];
    const records: Installation[] = [];
    for (const plugin of input.upm[product].filter((p) => isInstalledApp(p, forge))) {
      // UPM lists Forge and Connect-on-Forge apps under their key; the gateway knows them by id and
      // name. One record per app, keyed by UPM's key, with both sides' facts.
      const f = gatewayMatch(plugin, unmatched);
      if (f) unmatched.splice(unmatched.indexOf(f), 1);
      records.push(record(product, plugin.key, plugin.name, plugin, f));
    }
    for (const f of unmatched) records.push(record(product, `forge:${f.appId}`, f.name, undefined, f));
    for (const r of records) {
      const install =
        installs.get(`${product}:${norm(r.appKey)}`) ??
        (r.appId ? installs.get(`${product}:${norm(r.appId)}`) : undefined) ??
        installs.get(`${product}:${norm(r.name)}`);
      if (install) {
        r.installedAt = install.at;
        r.installedBy = install.by;
        r.installedByName = (install.by ? names.get(install.by) : null) ?? install.byName;
        r.installSource = install.source;
      }
      r.appAccountId = appAccounts.get(norm(r.name)) ?? null;
      out.push(r);
    }
  }
  return out;
}

/**
 * The licence: for a Forge app the gateway's, for a Connect app or plugin the one UPM serves on
 * its page (read for apps that use licensing), each falling back to the other.
 */
function licenseOf(plugin: UpmPlugin | undefined, forge: Forge | undefined): Installation['license'] {
  const l = plugin?.license;
  const upm = l ? { active: l.active, type: l.type, evaluation: l.evaluation } : null;
  return plugin?.remotable || !forge ? (upm ?? forge?.license ?? null) : (forge.license ?? upm);
}

function record(
  product: Product,
  appKey: string,
  name: string,
  plugin: UpmPlugin | undefined,
  forge: Forge | undefined,
): Installation {
  return {
    appKey,
    product,
    name,
    // A Connect app the gateway also lists is Connect-on-Forge: `connect`, with its Forge app id.
    framework: plugin?.remotable ? 'connect' : forge ? 'forge' : 'plugin',
    appId: forge?.appId ?? null,
    version: plugin?.version ?? forge?.version ?? null,
    enabled: plugin ? plugin.enabled : null,
    userInstalled: plugin ? plugin.userInstalled : null,
    vendorName: plugin?.vendorName ?? forge?.vendorName ?? null,
    environmentType: forge?.environmentType ?? null,
    scopes: forge?.scopes ?? [],
    egress: forge?.egress ?? [],
    license: licenseOf(plugin, forge),
    appAccountId: null,
    // The gateway's installation time stands in when no audit trail names the install.
    installedAt: forge?.installedAt ?? null,
    installedBy: null,
    installedByName: null,
    installSource: forge?.installedAt ? 'forge' : null,
  };
}

export const collector = defineCollector({
  dataset: appsInstallations,
  credential: 'none',
  dependsOn: [appsUpmJira, appsUpmConfluence, appsForge, jiraAudit, confluenceAudit, jiraUsers, orgEvents],
  // Derived from the datasets above: no call.
  cost: () => 0,
  async *collect(ctx) {
    const site = requireSite(ctx, appsInstallations.name);
    const [upmJira, upmConfluence, forge, jira, confluence, events, users] = await Promise.all([
      recordsOf(ctx, appsUpmJira),
      recordsOf(ctx, appsUpmConfluence),
      recordsOf(ctx, appsForge),
      recordsOf(ctx, jiraAudit),
      recordsOf(ctx, confluenceAudit),
      recordsOf(ctx, orgEvents, 'org'),
      recordsOf(ctx, jiraUsers),
    ]);
    const installations = buildInstallations({
      cloudId: site.cloudId,
      upm: { jira: upmJira, confluence: upmConfluence },
      forge,
      jiraAudit: jira,
      confluenceAudit: confluence,
      orgEvents: events,
      users,
    });
    yield { items: toItems(appsInstallations, installations), checkpoint: null };
  },
});

// Builds the tenant the simulator serves: a size preset, or a scenario (its generated base plus
// the named records and misconfigurations it layers on top), checked for dangling references.

import { dataCenterSite } from './data-center.ts';
import { ensureCredentialMembers } from './gen-bitbucket.ts';
import { finalizeTenant } from './gen-finalize.ts';
import { applyApps, applyVendors } from './gen-layer-apps.ts';
import { applyProjects, applySpaces } from './gen-layer-content.ts';
import { LayerContext } from './gen-layer-context.ts';
import { applyCredentials, applyGroupMembers, applyGroups, applyUsers } from './gen-layer-people.ts';
import { applyBitbucketMisconfiguration } from './gen-misconfig-bitbucket.ts';
import { applyOrgMisconfiguration } from './gen-misconfig-org.ts';
import { applyProductMisconfiguration } from './gen-misconfig-products.ts';
import type { GenSpec, Size } from './gen-spec.ts';
import { SIZES, sizeSpec } from './gen-spec.ts';
import { generateFromSpec, generateTenant } from './generate.ts';
import type { Tenant } from './model.ts';
import type { Scenario } from './scenario.ts';
import { loadScenario } from './scenario.ts';

export type TenantSource = { scenario: string } | { size: Size; seed: number };

export function buildTenant(source: TenantSource, now: Date): Tenant {
  if ('scenario' in source) return buildFromScenario(loadScenario(source.scenario), now);
  return generateTenant({ size: source.size, seed: source.seed, now });
}

/** The generator's input for a scenario's base. */
export function scenarioGenSpec(s: Scenario, now: Date): GenSpec {
  const names = new Set<string>();
  s.sites.forEach((site, i) => {
    if (names.has(site.name))
      throw new Error(`${s.file}: sites[${i}].name: site "${site.name}" is declared twice`);
    names.add(site.name);
  });
  const preset = s.base ? sizeSpec(s.base.size, s.seed, now) : undefined;
  const counts = s.population ?? (s.base ? SIZES[s.base.size] : SIZES.small);
  return {
    seed: s.seed,
    now,
    posture: s.posture,
    orgName: s.org.name,
    domain: s.org.domain,
    pendingDomain: s.org.pendingDomain ?? null,
    scim: s.org.scim ?? true,
    sites: s.sites.map((site) => ({
      name: site.name,
      title: site.title ?? site.name,
      ...(site.products.jira ? { jira: site.products.jira } : {}),
      ...(site.products.confluence ? { confluence: site.products.confluence } : {}),
    })),
    users: counts.users,
    groups: counts.groups,
    projects: counts.projects,
    spaces: counts.spaces,
    apps: counts.apps,
    orgAdmins: s.population?.orgAdmins ?? (s.posture === 'clean' ? 3 : (preset?.orgAdmins ?? 3)),
  };
}

export function buildFromScenario(s: Scenario, now: Date): Tenant {
  const tenant = generateFromSpec(scenarioGenSpec(s, now));
  const ctx = new LayerContext(s.file, tenant, s.seed, now);
  applyGroups(ctx, s.groups);
  applyUsers(ctx, s.users);
  applyGroupMembers(ctx, s.groups);
  applyCredentials(ctx, s.credentials);
  ensureCredentialMembers(tenant);
  applyProjects(ctx, s.projects);
  applySpaces(ctx, s.spaces);
  applyVendors(ctx, s.vendors);
  applyApps(ctx, s.apps);
  s.misconfigurations.forEach((m, i) => {
    const path = `misconfigurations[${i}]`;
    if (
      !applyOrgMisconfiguration(ctx, m, path) &&
      !applyProductMisconfiguration(ctx, m, path) &&
      !applyBitbucketMisconfiguration(ctx, m, path)
    ) {
      ctx.fail(`${path}.kind`, `no handler for ${m.kind}`);
    }
  });
  finalizeTenant(tenant);
  applySiteShapes(s, tenant);
  if (s.dataCenter.length > 0) tenant.dataCenterSites = s.dataCenter.map((d) => dataCenterSite(d, now));
  return tenant;
}

/** Sandbox flags and the old names of renamed sites (which redirect to the site). */
function applySiteShapes(s: Scenario, tenant: Tenant): void {
  const taken = new Set(s.sites.map((site) => site.name));
  const redirects: NonNullable<Tenant['redirects']> = [];
  s.sites.forEach((declared, i) => {
    const site = tenant.sites.find((t) => t.name === declared.name);
    if (site && declared.sandbox) site.sandbox = true;
    for (const [j, from] of (declared.formerNames ?? []).entries()) {
      if (taken.has(from)) {
        throw new Error(`${s.file}: sites[${i}].formerNames[${j}]: "${from}" is already a site name`);
      }
      taken.add(from);
      redirects.push({ from, to: declared.name });
    }
  });
  if (redirects.length > 0) tenant.redirects = redirects;
}

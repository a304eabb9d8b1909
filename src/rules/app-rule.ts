import type { z } from 'zod';
import type { AppInstallation } from '../app-risk/model/app.ts';
import {
  APP_OPTIONAL_DATASETS,
  type AppOptionalDataset,
  buildDataCenterInstallations,
  buildSiteInstallations,
  type OrgAppSources,
  type SiteAppSources,
} from '../app-risk/model/inventory.ts';
import { readsOnSite } from '../inventory/datasets/index.ts';
import type { AppGovernance } from './app-governance.ts';
import { APP_GOVERNANCE, type GovernanceName } from './app-governance.ts';
import { DATASETS } from './dataset-catalogue.ts';
import { defineRule, type RuleDefinition } from './define-rule.ts';
import type { RuleOutcome, RuleResource } from './outcome.ts';
import type { Rule, RuleContext, SettingsSchema } from './rule.ts';
import type { SiteFacts } from './snapshot-view.ts';

// The per-app rules (CHECKS.md group K in catalogue/apps/, and the group-D rules in
// catalogue/app-governance/ that read Palisade's own governance state) share their shape: per site,
// one result per app installation (resource `app` `<product>:<appKey>`), `apps.installations`
// required and the enrichment datasets optional — the Marketplace, UPM, accounts and audit trails
// each enrich some apps only (a Marketplace outage leaves Forge apps decidable from the gateway).
// An app whose verdict depends on an optional dataset that is missing gets an `unknown` result
// naming it — never a pass. `defineAppRule` writes that shape once; a rule gives its `check`.
// A rule about what Palisade decided of an app (ban, classification, accepted risk) rather than
// Cloud-only facts (scopes, Connect or Forge) also judges a Data Center instance's plugins
// (`dataCenter: true`): each site reads the inventory its kind has, `apps.installations` on a
// Cloud site and `dc.plugins` on a Data Center instance (`requiresOneOf`).

type AppRequirement = 'apps.installations' | 'dc.plugins' | GovernanceName;

/** Where each kind of site lists its apps: the Cloud inventory, or UPM on a Data Center instance. */
const APP_SOURCES = ['apps.installations', 'dc.plugins'] as const;

export type AppRuleContext = Pick<
  RuleContext<'apps.installations', AppOptionalDataset>,
  'items' | 'optional' | 'site' | 'now'
>;

/** What `check` sees besides the installation. */
export interface AppCheckContext<S extends SettingsSchema, G extends boolean> {
  /** The resource its outcome is about. */
  resource: RuleResource;
  now: Date;
  settings: z.output<S>;
  /** Palisade's governance state, for a rule defined with `governance: true`. */
  governance: G extends true ? AppGovernance : undefined;
}

export interface AppRuleDefinition<S extends SettingsSchema, G extends boolean>
  extends Omit<
    RuleDefinition<AppRequirement, AppOptionalDataset, S>,
    'scope' | 'resourceType' | 'requires' | 'optional' | 'evaluate'
  > {
  /** The rule reads Palisade's governance state (classifications, risk scores): an engine input. */
  governance?: G;
  /**
   * The rule also applies to a Data Center instance, judging its user-installed plugins. Only for
   * a governance rule: what it reads must exist for a plugin (no scopes, Marketplace or accounts).
   */
  dataCenter?: G extends true ? boolean : false;
  /** The verdict on one installation of the site being evaluated. */
  check(installation: AppInstallation, ctx: AppCheckContext<S, G>): RuleOutcome;
}

export function defineAppRule<S extends SettingsSchema, const G extends boolean = false>(
  definition: AppRuleDefinition<S, G>,
): Rule {
  const { check, governance, dataCenter, ...meta } = definition;
  const state: AppRequirement[] = governance ? [APP_GOVERNANCE] : [];
  const sources = dataCenter
    ? { requires: state, requiresOneOf: APP_SOURCES }
    : { requires: ['apps.installations', ...state] as AppRequirement[] };
  return defineRule<AppRequirement, AppOptionalDataset, S>({
    ...meta,
    scope: 'site',
    resourceType: 'app',
    ...sources,
    optional: APP_OPTIONAL_DATASETS,
    evaluate(ctx) {
      const g = (governance ? ctx.governance(APP_GOVERNANCE) : undefined) as AppCheckContext<
        S,
        G
      >['governance'];
      const installations =
        dataCenter && isDataCenter(ctx.site)
          ? buildDataCenterInstallations({
              cloudId: ctx.site.cloudId,
              name: ctx.site.name,
              plugins: ctx.items('dc.plugins'),
            })
          : installationsOf(ctx);
      return installations.map((i) =>
        check(i, { resource: appResource(i), now: ctx.now, settings: ctx.settings, governance: g }),
      );
    },
  });
}

/** A Data Center instance: a site whose apps UPM lists in `dc.plugins`. */
function isDataCenter(site: SiteFacts | undefined): site is SiteFacts {
  return site !== undefined && readsOnSite(DATASETS['dc.plugins'], Object.keys(site.products));
}

interface Memo {
  inputs: readonly unknown[];
  site: string;
  result: AppInstallation[];
}

/**
 * Within one evaluation every app rule asks for the same site's installations from the same
 * dataset arrays: build them once. Keyed weakly by the installations array, checked against every
 * other input, so a different snapshot or a different optional dataset never reuses a result.
 */
const memo = new WeakMap<object, Memo>();

/** The app installations of the site being evaluated, enriched from whatever optional data was read. */
export function installationsOf(ctx: AppRuleContext): AppInstallation[] {
  const installations = ctx.items('apps.installations');
  const optional = APP_OPTIONAL_DATASETS.map((name) => ctx.optional(name));
  const site = ctx.site?.cloudId ?? 'site';
  const cached = memo.get(installations);
  if (cached && cached.site === site && cached.inputs.every((x, i) => x === optional[i]))
    return cached.result;
  const [
    marketplace,
    upmJira,
    upmConfluence,
    jiraUsers,
    groupMembers,
    groups,
    projectRoles,
    jiraAudit,
    confluenceAudit,
    orgUsers,
    orgEvents,
  ] = optional as [
    OrgAppSources['marketplace'],
    SiteAppSources['upmJira'],
    SiteAppSources['upmConfluence'],
    SiteAppSources['jiraUsers'],
    SiteAppSources['groupMembers'],
    SiteAppSources['groups'],
    SiteAppSources['projectRoles'],
    SiteAppSources['jiraAudit'],
    SiteAppSources['confluenceAudit'],
    OrgAppSources['orgUsers'],
    OrgAppSources['orgEvents'],
  ];
  const result = buildSiteInstallations(
    {
      cloudId: site,
      installations,
      upmJira,
      upmConfluence,
      jiraUsers,
      groupMembers,
      groups,
      projectRoles,
      jiraAudit,
      confluenceAudit,
    },
    {
      marketplace,
      marketplaceReason: marketplace
        ? undefined
        : 'the Marketplace data (apps.marketplace) was not read completely',
      orgUsers,
      orgEvents,
    },
  );
  memo.set(installations, { inputs: optional, site, result });
  return result;
}

/**
 * One result per app per site and product: `app` resource `<product>:<appKey>`; on a Data Center
 * instance, which holds one product, `<appKey>` as its `dc.plugins` rules name the app.
 */
export function appResource(
  i: Pick<AppInstallation, 'product' | 'appKey' | 'name' | 'dataCenter'>,
): RuleResource {
  return { type: 'app', id: i.dataCenter ? i.appKey : `${i.product}:${i.appKey}`, name: i.name };
}

/** Why an installation's scopes could not be read, for `unknown` messages. */
export function whyScopesUnreadable(i: AppInstallation): string {
  if (i.framework === 'connect' && i.marketplace.status === 'unlisted') {
    return 'it is an unlisted Connect app: its descriptor is served by the vendor and no Atlassian API returns its scopes';
  }
  return i.marketplace.reason ?? `no source lists the scopes of this ${i.framework} app`;
}

/** Where an installation's scopes came from, for evidence. */
export function scopesEvidence(i: AppInstallation): string {
  return i.scopesSource === 'forge-gateway'
    ? 'GraphQL gateway (installed version)'
    : 'Marketplace (declared scopes)';
}

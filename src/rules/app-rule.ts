import type { z } from 'zod';
import type { AppInstallation } from '../app-risk/model/app.ts';
import {
  APP_OPTIONAL_DATASETS,
  type AppOptionalDataset,
  buildSiteInstallations,
  type OrgAppSources,
  type SiteAppSources,
} from '../app-risk/model/inventory.ts';
import type { AppGovernance } from './app-governance.ts';
import { APP_GOVERNANCE, type GovernanceName } from './app-governance.ts';
import { defineRule, type RuleDefinition } from './define-rule.ts';
import type { RuleOutcome, RuleResource } from './outcome.ts';
import type { Rule, RuleContext, SettingsSchema } from './rule.ts';

// The per-app rules (CHECKS.md group K in catalogue/apps/, and the group-D rules in
// catalogue/app-governance/ that read Palisade's own governance state) share their shape: per site,
// one result per app installation (resource `app` `<product>:<appKey>`), `apps.installations`
// required and the enrichment datasets optional — the Marketplace, UPM, accounts and audit trails
// each enrich some apps only (a Marketplace outage leaves Forge apps decidable from the gateway).
// An app whose verdict depends on an optional dataset that is missing gets an `unknown` result
// naming it — never a pass. `defineAppRule` writes that shape once; a rule gives its `check`.

type AppRequirement = 'apps.installations' | GovernanceName;

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
  /** The verdict on one installation of the site being evaluated. */
  check(installation: AppInstallation, ctx: AppCheckContext<S, G>): RuleOutcome;
}

export function defineAppRule<S extends SettingsSchema, const G extends boolean = false>(
  definition: AppRuleDefinition<S, G>,
): Rule {
  const { check, governance, ...meta } = definition;
  const requires: AppRequirement[] = governance
    ? ['apps.installations', APP_GOVERNANCE]
    : ['apps.installations'];
  return defineRule<AppRequirement, AppOptionalDataset, S>({
    ...meta,
    scope: 'site',
    resourceType: 'app',
    requires,
    optional: APP_OPTIONAL_DATASETS,
    evaluate(ctx) {
      const state = (governance ? ctx.governance(APP_GOVERNANCE) : undefined) as AppCheckContext<
        S,
        G
      >['governance'];
      return installationsOf(ctx).map((i) =>
        check(i, { resource: appResource(i), now: ctx.now, settings: ctx.settings, governance: state }),
      );
    },
  });
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

/** One result per app per site and product: `app` resource `<product>:<appKey>`. */
export function appResource(i: Pick<AppInstallation, 'product' | 'appKey' | 'name'>): RuleResource {
  return { type: 'app', id: `${i.product}:${i.appKey}`, name: i.name };
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

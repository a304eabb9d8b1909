import type { RuleResource } from '../rules/outcome.ts';
import type { RuleContext } from '../rules/rule.ts';
import type { AppFingerprint, FingerprintChange } from './classification/fingerprint.ts';
import type { AppClassification } from './classification/transitions.ts';
import { buildSiteInstallations, type OrgAppSources, type SiteAppSources } from './inventory.ts';
import type { AppInstallation } from './model.ts';
import type { AppRisk } from './risk/score.ts';

// What the app rules (CHECKS.md group K in rules/catalogue/apps/, and the two group-D rules that
// read Palisade's own app governance state) share: the datasets they read and how they turn a
// rule context into the site's app installations, the resource each result is about, and the
// governance state evaluateApps binds into the rules that need it.
//
// Only `apps.installations` is required: the Marketplace, UPM, accounts and audit trails are
// optional because each enriches some apps only (a Marketplace outage leaves Forge apps decidable
// from the gateway). An app whose verdict depends on an optional dataset that is missing gets an
// `unknown` result naming it — never a pass.

export const APP_OPTIONAL_DATASETS = [
  'apps.marketplace',
  'apps.upm-jira',
  'apps.upm-confluence',
  'jira.users',
  'jira.group-members',
  'jira.groups',
  'jira.project-roles',
  'jira.audit',
  'confluence.audit',
  'org.users',
  'org.events',
] as const;

export type AppOptionalDataset = (typeof APP_OPTIONAL_DATASETS)[number];

export type AppRuleContext = Pick<
  RuleContext<'apps.installations', AppOptionalDataset>,
  'items' | 'optional' | 'site' | 'now'
>;

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

/** The id `appResource` gives, to find an app's results again. */
export function appResourceId(product: string, appKey: string): string {
  return `${product}:${appKey}`;
}

export interface AppGovernanceEntry {
  classification: AppClassification | undefined;
  risk: AppRisk;
  /** The app's fingerprint now. */
  fingerprint: AppFingerprint;
  /** Differences from the approved fingerprint (empty when none or never approved). */
  changes: FingerprintChange[];
}

/** Palisade's own state about the apps, which evaluateApps binds into the rules that read it. */
export interface AppGovernanceState {
  apps: ReadonlyMap<string, AppGovernanceEntry>;
}

export const NO_GOVERNANCE_STATE =
  'Decided by Palisade’s app governance evaluation (evaluateApps), which this evaluation did not include.';

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

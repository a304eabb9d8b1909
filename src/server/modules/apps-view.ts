import type { z } from 'zod';
import type { AppClassificationState } from '../../app-risk/model/classification.ts';
import { policyRuleId } from '../../rules/app-policy.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import type { RuleResult } from '../../rules/result.ts';
import type { EvaluatedApp } from '../../scan/apps-of-snapshot.ts';
import { RequestError } from '../request-error.ts';
import type { ConnectionApps } from './apps-catalog.ts';
import type { AppDetail, AppItem, ClassificationGroup, ListQuery } from './apps-schemas.ts';
import { scopeReach } from './apps-scopes.ts';

// The apps API's view of an evaluated app (list item and detail), its filters and its paging:
// riskiest first, then name, key and connection, with a cursor naming the last item answered so
// a page does not repeat or skip apps when the list around it changes.

type Item = z.infer<typeof AppItem>;
type Detail = z.infer<typeof AppDetail>;

const GROUP_OF: Readonly<Record<AppClassificationState, ClassificationGroup>> = {
  sanctioned: 'approved',
  'risk-accepted': 'approved',
  unreviewed: 'under_review',
  're-review': 'under_review',
  unsanctioned: 'banned',
};

const RULE_META = new Map(catalogue.map((e) => [e.rule.meta.id, e.rule.meta]));

export interface Located {
  app: EvaluatedApp;
  from: ConnectionApps;
}

function failing(app: EvaluatedApp): RuleResult[] {
  return [
    ...app.checks.filter((c) => c.status === 'fail' || c.status === 'unknown'),
    ...app.policyViolations,
  ];
}

export function toItem({ app, from }: Located): Item {
  const factors = app.risk.factors
    .filter((f) => f.status !== 'info')
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    key: app.appKey,
    name: app.name,
    vendor: app.vendorName,
    framework: app.framework,
    connectionId: from.connectionId,
    connectionName: from.connectionName,
    snapshotVersion: from.snapshotVersion,
    risk: {
      score: app.risk.score,
      band: app.risk.band,
      overridden: app.risk.override !== null,
      factors: factors.map((f) => ({
        id: f.id,
        group: f.group,
        status: f.status,
        contribution: f.contribution,
        summary: f.summary,
      })),
    },
    classification: {
      state: app.classification.state,
      // An app on the deny-list is banned, whatever its review state says.
      group: app.ban ? 'banned' : GROUP_OF[app.classification.state],
      justification: app.classification.justification,
      expiresAt: app.classification.expiresAt,
      decidedBy: app.classification.decidedBy,
      decidedAt: app.classification.decidedAt,
    },
    banned: app.ban !== null,
    installations: app.installations.map((i) => ({
      connectionId: from.connectionId,
      site: {
        cloudId: i.siteId,
        url: from.sites.get(i.siteId)?.url ?? null,
        name: i.siteName ?? from.sites.get(i.siteId)?.name ?? null,
      },
      product: i.product,
      version: i.version,
      enabled: i.enabled,
      installKind: i.installKind,
      installedAt: i.installedAt,
    })),
    failingChecks: failing(app).filter((r) => r.status === 'fail').length,
  };
}

export function toDetail(
  located: Located,
  policyTitles: ReadonlyMap<string, { title: string; severity: string }>,
): Detail {
  const { app } = located;
  const item = toItem(located);
  return {
    ...item,
    appId: app.appId,
    distribution: app.distribution,
    versions: app.versions,
    scopesReadable: app.scopesReadable,
    scopes: app.scopes.map(scopeReach),
    egress: app.egress,
    installations: item.installations.map((base, n) => {
      const i = app.installations[n];
      if (!i) throw new Error('installations out of step');
      return {
        ...base,
        installer: i.installer,
        userInstalledFlag: i.userInstalledFlag,
        license: i.license,
        lastActivity: i.lastActivity,
        disabledSince: i.disabledSince,
        scopes: i.scopesSource === null ? [] : i.scopes,
        egress: i.egress,
      };
    }),
    marketplace: app.marketplace,
    riskDetail: {
      computed: app.risk.computed,
      factors: app.risk.factors.map((f) => ({
        id: f.id,
        group: f.group,
        status: f.status,
        contribution: f.contribution,
        summary: f.summary,
        weight: f.weight,
        evidence: f.evidence,
      })),
      override: app.risk.override,
    },
    classificationDetail: {
      previousState: app.classification.previousState,
      reviewReason: app.classification.reviewReason,
      firstSeenAt: app.classification.firstSeenAt,
    },
    ban: app.ban,
    checks: failing(app).map((r) => {
      const meta = RULE_META.get(r.ruleId) ?? policyTitles.get(r.ruleId);
      return {
        ruleId: r.ruleId,
        title: meta?.title ?? r.ruleId,
        severity: meta?.severity ?? null,
        status: r.status,
        message: r.message,
        site: r.resource.scope,
        resource: r.resource.id,
      };
    }),
  };
}

/** `app_policy:<id>` → the policy's description and severity, for the checks it raises. */
export function policyTitlesOf(
  policies: readonly { policy: { id: string; description: string; severity: string } }[],
): Map<string, { title: string; severity: string }> {
  return new Map(
    policies.map((p) => [
      policyRuleId(p.policy.id),
      { title: p.policy.description, severity: p.policy.severity },
    ]),
  );
}

function values(raw: string | readonly string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = (typeof raw === 'string' ? [raw] : raw).flatMap((v) => v.split(','));
  const out = list.map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  return out.length > 0 ? out : undefined;
}

type Filters = Omit<z.infer<typeof ListQuery>, 'limit' | 'cursor' | 'connectionId'>;

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

export function matches(filters: Filters): (item: Item) => boolean {
  const bands = values(filters.band);
  const frameworks = values(filters.framework);
  const classes = values(filters.classification)?.map((c) => c.replace(/[\s-]/g, '_'));
  const sites = values(filters.site);
  const vendors = values(filters.vendor);
  const q = filters.q?.trim().toLowerCase();
  return (item) => {
    if (bands && !bands.includes(item.risk.band)) return false;
    if (frameworks && !frameworks.includes(item.framework)) return false;
    if (
      classes &&
      !classes.includes(item.classification.group) &&
      !classes.includes(item.classification.state.replace(/-/g, '_'))
    ) {
      return false;
    }
    if (
      sites &&
      !item.installations.some(
        (i) => sites.includes(i.site.cloudId.toLowerCase()) || sites.includes(hostOf(i.site.url) ?? ''),
      )
    ) {
      return false;
    }
    if (vendors && !vendors.includes((item.vendor ?? '').toLowerCase())) return false;
    if (filters.installedBy === 'user' && !item.installations.some((i) => i.installKind === 'user'))
      return false;
    if (filters.installedBy === 'admin' && !item.installations.every((i) => i.installKind === 'admin')) {
      return false;
    }
    if (q && ![item.key, item.name, item.vendor ?? ''].some((v) => v.toLowerCase().includes(q))) return false;
    return true;
  };
}

/** Riskiest first, then name, key, connection: a total order, so the cursor is exact. */
function sortKey(item: Item): [number, string, string, string] {
  return [-item.risk.score, item.name.toLowerCase(), item.key, item.connectionId];
}

function compare(a: [number, string, string, string], b: [number, string, string, string]): number {
  for (let i = 0; i < 4; i++) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

export function sortItems(items: Item[]): Item[] {
  return items.sort((a, b) => compare(sortKey(a), sortKey(b)));
}

function decodeCursor(cursor: string): [number, string, string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 4 &&
      typeof value[0] === 'number' &&
      value.slice(1).every((v) => typeof v === 'string')
    ) {
      return value as [number, string, string, string];
    }
  } catch {
    // answered below
  }
  throw new RequestError('invalid_input', 'cursor is not one this list answered: pass nextCursor as given');
}

export function page(
  sorted: readonly Item[],
  limit: number,
  cursor: string | undefined,
): { items: Item[]; total: number; nextCursor: string | null } {
  let start = 0;
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    start = sorted.findIndex((i) => compare(sortKey(i), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < sorted.length;
  return {
    items,
    total: sorted.length,
    nextCursor: more && last ? Buffer.from(JSON.stringify(sortKey(last))).toString('base64url') : null,
  };
}

/** The app `key` among the connections loaded; one connection must be named when several have it. */
export function locate(loaded: readonly ConnectionApps[], key: string): Located {
  const found: Located[] = [];
  for (const from of loaded) {
    const app =
      from.apps.find((a) => a.appKey === key) ??
      from.apps.find((a) => a.appKey.toLowerCase() === key.toLowerCase());
    if (app) found.push({ app, from });
  }
  const [only] = found;
  if (!only)
    throw new RequestError('app_not_found', `no app "${key}" in the latest snapshot of any connection`);
  if (found.length > 1) {
    throw new RequestError(
      'invalid_input',
      `app "${key}" is installed in connections ${found.map((f) => f.from.connectionId).join(', ')}: name one with connectionId`,
    );
  }
  return only;
}

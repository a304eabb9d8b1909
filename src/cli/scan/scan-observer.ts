import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Connection } from '../../inventory/connections.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import { type ScanRequest as PipelineRequest, runScan, type ScanObserver } from '../../scan/run-scan.ts';
import { describeRole } from '../../sync/credential-access.ts';
import type { SyncPlan } from '../../sync/plan-tasks.ts';
import type { SyncTarget } from '../../sync/sync-target.ts';
import type { CliDeps } from '../cli-deps.ts';
import type { Progress, ProgressScope } from '../progress/progress.ts';
import type { ScanTarget } from './scan-request.ts';

// What a scan shows on the terminal (src/scan `runScan` reports its steps to an observer): the
// phases, then one progress bar per scope (the org and each site) counting that scope's datasets,
// with the datasets the plan skips and why, phrased with the CLI's flags.

function scopesOf(connection: Connection, plan: SyncPlan): ProgressScope[] {
  const count = (scope: string) => plan.tasks.filter((t) => t.scope === scope).length;
  const scopes: ProgressScope[] = [];
  if (count('org') > 0) scopes.push({ scope: 'org', label: `org ${connection.name}`, total: count('org') });
  for (const site of connection.sites) {
    scopes.push({ scope: site.cloudId, label: new URL(site.url).host, total: count(site.cloudId) });
  }
  return scopes;
}

/** Per site, the datasets the site credential lacks the admin right for (discovery said so). */
function adminOnlySkips(target: SyncTarget, plan: SyncPlan): { label: string; reason: string }[] {
  return target.sites.flatMap((site) => {
    const refused = plan.skipped.filter((s) => s.scope === site.cloudId);
    const role = target.access?.[site.cloudId]?.role;
    if (refused.length === 0 || !role) return [];
    const rights = [...new Set(refused.flatMap((s) => s.missingScope?.split(' or ') ?? []))];
    return [
      {
        label: `${plural(refused.length, 'admin-only dataset')} on ${new URL(site.url).host}`,
        reason: `the site credential is ${describeRole(role)}, not ${rights.join(' nor ')}: they will say unknown`,
      },
    ];
  });
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function scanObserver(progress: Progress): ScanObserver {
  return {
    phase: (text) => progress.phase(text),
    planned: (target, plan) => {
      const skippedOrg = plan.skipped.filter((s) => s.scope === 'org');
      // A Bitbucket workspace or a Data Center instance is scanned without the organization: no
      // org key belongs beside it.
      const all = (holds: (product: string) => boolean) =>
        target.sites.length > 0 && target.sites.every((s) => s.products.some(holds));
      const orgReason = all((p) => p === 'bitbucket')
        ? 'a Bitbucket workspace is scanned without the organization: they will say unknown'
        : all(isDataCenterProduct)
          ? 'a Data Center instance is scanned without the organization: they will say unknown'
          : 'no --org-api-key given: they will say unknown';
      progress.plan(scopesOf(target, plan), [
        ...(skippedOrg.length > 0 ? [{ label: 'org-level checks', reason: orgReason }] : []),
        ...adminOnlySkips(target, plan),
      ]);
    },
    sync: (event) => progress.sync(event),
    synced: () => progress.end(),
  };
}

/**
 * The connections a CLI target names, scanned in turn: the sites (and org), the Bitbucket
 * workspace, then one per Data Center instance. `palisade scan` names one kind per run; the demo
 * names all of them.
 */
export function targetConnections(target: ScanTarget): PipelineRequest['connection'][] {
  const others = [
    ...(target.bitbucket ? [{ kind: 'bitbucket' as const, ...target.bitbucket }] : []),
    ...(target.dataCenter ?? []).map(({ baseUrl, personalAccessToken }) => ({
      kind: 'data-center' as const,
      baseUrl,
      personalAccessToken,
    })),
  ];
  const cloud = target.sites.length > 0 || target.org !== undefined || others.length === 0;
  return [
    ...(cloud ? [{ sites: target.sites, siteCredential: target.siteCredential, org: target.org }] : []),
    ...others,
  ];
}

/**
 * The write consent a connection's scan enforces bans with: a Cloud site admin's credential goes
 * with the sites only; a Data Center instance gets its own write token; a Bitbucket workspace none.
 */
function writeCredentialFor(
  target: ScanTarget,
  connection: PipelineRequest['connection'],
): Pick<PipelineRequest, 'writeCredential'> {
  if (!('kind' in connection)) {
    const write = target.writeCredential;
    return write ? { writeCredential: { site: { kind: 'basic', ...write } } } : {};
  }
  if (connection.kind !== 'data-center') return {};
  const token = target.dataCenter?.find((i) => i.baseUrl === connection.baseUrl)?.writeToken;
  return token ? { writeCredential: { dataCenterToken: token } } : {};
}

/** Runs the one scan pipeline on one of a CLI target's connections (`scan` and `demo` alike), progress on the terminal. */
export function scanTarget(
  db: Kysely<Database>,
  target: ScanTarget,
  deps: Pick<CliDeps, 'now' | 'signal'>,
  progress: Progress,
  connection: PipelineRequest['connection'],
): ReturnType<typeof runScan> {
  return runScan(
    {
      db,
      now: deps.now,
      allowHosts: target.allowHosts,
      baseUrls: target.baseUrls,
      signal: deps.signal,
      observer: scanObserver(progress),
    },
    {
      connection,
      ...writeCredentialFor(target, connection),
    },
  );
}

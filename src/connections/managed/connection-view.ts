import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { ConnectionMethod, ScansTable } from '../../db/schema-server.ts';
import { type ConnectionRecord, getConnection, listConnections } from '../../inventory/connections.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import {
  type BitbucketCredential,
  type ConnectionKind,
  type CredentialHint,
  credentialHints,
} from '../credentials/credential-store.ts';
import type { ConnectionProfile } from './connection-profile.ts';
import type { PermissionEntry } from './permission-check.ts';
import { judgeLastSync, type LastSync } from './sync-health.ts';

// The Integrations window as data (`GET /api/v1/connections`): per connection its kind (and a
// Bitbucket workspace's credential), org, method,
// what may be shown of its key (last 4 characters, never more), who connected it first, its last
// sync and status, and its domains (sites); and, over all domains and over each kind's, the one
// whose last sync needs a look most. Read from the store only (profiles, credential hints, scans): never opens a secret,
// never calls Atlassian.

export type ConnectionState = 'pending' | 'in_progress' | 'success' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  reason?: string | undefined;
  progress?: { done: number; total: number; phase: string } | undefined;
}

export interface DomainView {
  host: string;
  cloudId: string;
  products: ('jira' | 'confluence' | 'bitbucket' | 'jira-data-center' | 'confluence-data-center')[];
  lastSync: LastSync | null;
  status: ConnectionStatus;
}

export interface ConnectionView {
  id: string;
  orgId: string | null;
  orgName: string;
  kind: ConnectionKind;
  /** Which credential reads a Bitbucket workspace (kind `bitbucket` only): a new one replaces it in kind. */
  bitbucketCredential?: BitbucketCredential | undefined;
  method: ConnectionMethod;
  apiKey: { last4: string } | null;
  firstConnected: { at: string; by: { id: string; name: string } | null };
  lastSync: LastSync | null;
  status: ConnectionStatus;
  domains: DomainView[];
  writeConsent: { granted: boolean; last4?: string | undefined };
  /** The schedule in effect: the connection's override, else the platform's interval. */
  scanIntervalSeconds: number;
}

export interface WorstLastSync {
  connectionId: string;
  host: string;
  lastSync: LastSync | null;
  excessive: boolean;
  reason: string | null;
}

/** Per kind of connection (a row of the Integrations window), its worst last sync; a kind without domains is absent. */
export type WorstLastSyncByKind = Partial<Record<ConnectionKind, WorstLastSync>>;

export interface ViewSettings {
  scanIntervalMs: number;
  excessiveSyncMs: number;
}

export interface Judged {
  view: ConnectionView;
  /** How far over its limit the last sync is (> 1 excessive); undefined: never synced. */
  overBy: number | undefined;
}

/** Every active connection's view, or only `only.connectionId`'s (its worst last sync judged alone). */
export async function listConnectionViews(
  db: Kysely<Database>,
  settings: ViewSettings,
  now: Date,
  only: { connectionId?: string | undefined } = {},
): Promise<{
  connections: ConnectionView[];
  worstLastSync: WorstLastSync | null;
  worstLastSyncByKind: WorstLastSyncByKind;
}> {
  const profiles = await db
    .selectFrom('connection_profiles')
    .selectAll()
    .where('state', '=', 'active')
    .execute();
  const byId = new Map(profiles.map((p) => [p.connection_id, p]));
  const records = (await listConnections(db)).filter(
    (c) => byId.has(c.id) && (only.connectionId === undefined || c.id === only.connectionId),
  );
  const hints = await credentialHints(db);
  const users = await userNames(db, profiles);
  const judged: Judged[] = [];
  for (const record of records) {
    const profile = byId.get(record.id) as ConnectionProfile;
    judged.push(await judgeConnection(db, record, profile, hints.get(record.id) ?? {}, users, settings, now));
  }
  return {
    connections: judged.map((j) => j.view),
    worstLastSync: worstOf(judged),
    worstLastSyncByKind: worstOfEachKind(judged),
  };
}

export async function getConnectionView(
  db: Kysely<Database>,
  id: string,
  settings: ViewSettings,
  now: Date,
): Promise<(ConnectionView & { permissions: PermissionEntry[] }) | undefined> {
  const profile = await db
    .selectFrom('connection_profiles')
    .selectAll()
    .where('connection_id', '=', id)
    .where('state', '=', 'active')
    .executeTakeFirst();
  const record = profile ? await getConnection(db, id) : undefined;
  if (!profile || !record) return undefined;
  const hints = (await credentialHints(db)).get(id) ?? {};
  const users = await userNames(db, [profile]);
  const { view } = await judgeConnection(db, record, profile, hints, users, settings, now);
  const permissions = profile.permissions ? fromJsonColumn<PermissionEntry[]>(profile.permissions) : [];
  return { ...view, permissions };
}

async function judgeConnection(
  db: Kysely<Database>,
  record: ConnectionRecord,
  profile: ConnectionProfile,
  hints: Partial<Record<'read' | 'write', CredentialHint>>,
  users: Map<string, string>,
  settings: ViewSettings,
  now: Date,
): Promise<Judged> {
  const intervalMs =
    profile.scan_interval_seconds !== null ? profile.scan_interval_seconds * 1000 : settings.scanIntervalMs;
  const latest = await db
    .selectFrom('scans')
    .selectAll()
    .where('connection_id', '=', record.id)
    .where('status', '!=', 'cancelled')
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const published = await db
    .selectFrom('scans')
    .selectAll()
    .where('connection_id', '=', record.id)
    .where('status', '=', 'success')
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const judged =
    published?.finished_at && published.started_at
      ? judgeLastSync({
          startedAt: published.started_at,
          finishedAt: published.finished_at,
          now,
          excessiveSyncMs: settings.excessiveSyncMs,
          intervalMs,
        })
      : undefined;
  const lastSync = judged?.lastSync ?? null;
  const status = statusOf(profile, latest);
  const failedBySite =
    status.state === 'success' ? await failedDatasets(db, latest?.sync_run_id ?? null) : new Map();
  const by = profile.first_connected_by;
  const write = hints.write;
  const kind = hints.read?.kind ?? kindOfSites(record.sites);
  const view: ConnectionView = {
    id: record.id,
    orgId: record.orgId,
    orgName: record.name,
    kind,
    ...(kind === 'bitbucket' ? { bitbucketCredential: bitbucketCredentialOf(hints.read) } : {}),
    method: profile.method,
    apiKey: hints.read?.apiKey ?? null,
    firstConnected: {
      at: profile.first_connected_at,
      by: by && users.has(by) ? { id: by, name: users.get(by) as string } : null,
    },
    lastSync,
    status,
    // Every domain shares the connection's sync (one scan reads all of its sites), but a site
    // whose datasets failed in it says so on its own line.
    domains: record.sites.map((s) => ({
      host: domainOf(s.url),
      cloudId: s.cloudId,
      products: [...s.products],
      lastSync,
      status: domainStatus(status, failedBySite.get(s.cloudId)),
    })),
    writeConsent: write
      ? { granted: true, ...(write.apiKey ? { last4: write.apiKey.last4 } : {}) }
      : { granted: false },
    scanIntervalSeconds: Math.round(intervalMs / 1000),
  };
  return { view, overBy: judged?.overBy };
}

/**
 * A connection's kind from its sites (when its credential's hint predates keeping the kind, or
 * where no hint is at hand, as in the CLI): a workspace's site has the product `bitbucket` alone,
 * an instance's a Data Center product.
 */
export function kindOfSites(sites: ConnectionRecord['sites']): ConnectionKind {
  const products = sites.flatMap((s) => s.products);
  if (products.some(isDataCenterProduct)) return 'data-center';
  if (products.length > 0 && products.every((p) => p === 'bitbucket')) return 'bitbucket';
  return 'atlassian';
}

/** The hint's; before it was kept, an admin's e-mail beside the token says it is an API token. */
function bitbucketCredentialOf(hint: CredentialHint | undefined): BitbucketCredential {
  return hint?.bitbucketCredential ?? (hint?.email ? 'api-token' : 'access-token');
}

/**
 * The state a person reads: a problem found outside a scan (a refused refresh: "Grant expired")
 * wins, since no scan can succeed until someone acts; then a queued or running scan; then how the
 * latest finished scan ended; `pending` before any scan.
 */
export function statusOf(
  profile: Pick<ConnectionProfile, 'error_reason'>,
  latest: Pick<ScansTable, 'status' | 'reason' | 'progress'> | undefined,
): ConnectionStatus {
  if (profile.error_reason) return { state: 'error', reason: profile.error_reason };
  if (!latest) return { state: 'pending' };
  if (latest.status === 'queued' || latest.status === 'running') {
    const progress = latest.progress
      ? fromJsonColumn<{ done: number; total: number; phase: string }>(latest.progress)
      : undefined;
    return { state: 'in_progress', ...(progress ? { progress } : {}) };
  }
  if (latest.status === 'error') return { state: 'error', reason: latest.reason ?? 'the last scan failed' };
  return { state: 'success' };
}

/**
 * The domain that needs a look most, so one line can say so: among excessive last syncs, the one
 * furthest over its limit (a sync 3× the threshold before one 1.5× over); with none excessive, a
 * domain never synced (its first scan pending or failed); with every domain synced in time, the
 * one synced longest ago (excessive false). Null without connections. A connection without sites
 * (the org API key alone) has no domain, so it is no candidate.
 */
export function worstOf(judged: readonly Judged[]): WorstLastSync | null {
  const domains = judged.flatMap((j) =>
    j.view.domains.map((d) => ({ connectionId: j.view.id, domain: d, overBy: j.overBy })),
  );
  const excessive = domains
    .filter((d) => d.domain.lastSync?.excessive)
    .sort((a, b) => (b.overBy ?? 0) - (a.overBy ?? 0));
  const never = domains.filter((d) => d.domain.lastSync === null);
  const oldest = domains
    .filter((d) => d.domain.lastSync !== null)
    .sort((a, b) => ((a.domain.lastSync?.at ?? '') < (b.domain.lastSync?.at ?? '') ? -1 : 1));
  const worst = excessive[0] ?? never[0] ?? oldest[0];
  if (!worst) return null;
  const lastSync = worst.domain.lastSync;
  return {
    connectionId: worst.connectionId,
    host: worst.domain.host,
    lastSync,
    excessive: lastSync?.excessive ?? false,
    reason: lastSync ? (lastSync.reason ?? null) : 'not synced yet',
  };
}

/** `worstOf` over each kind's connections alone, so each row names its own worst in the same order. */
export function worstOfEachKind(judged: readonly Judged[]): WorstLastSyncByKind {
  const byKind: WorstLastSyncByKind = {};
  for (const kind of new Set(judged.map((j) => j.view.kind))) {
    const worst = worstOf(judged.filter((j) => j.view.kind === kind));
    if (worst) byKind[kind] = worst;
  }
  return byKind;
}

async function userNames(
  db: Kysely<Database>,
  profiles: readonly Pick<ConnectionProfile, 'first_connected_by'>[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(profiles.map((p) => p.first_connected_by).filter((id): id is string => id !== null)),
  ];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Per site (cloud id) of the run: the datasets that failed in it. */
async function failedDatasets(db: Kysely<Database>, runId: string | null): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!runId) return out;
  const rows = await db
    .selectFrom('dataset_outcomes')
    .select(['scope', 'dataset'])
    .where('run_id', '=', runId)
    .where('status', '=', 'failed')
    .orderBy('dataset')
    .execute();
  for (const r of rows) out.set(r.scope, [...(out.get(r.scope) ?? []), r.dataset]);
  return out;
}

function domainStatus(status: ConnectionStatus, failed: string[] | undefined): ConnectionStatus {
  if (!failed || failed.length === 0) return status;
  const named = failed.slice(0, 3).join(', ') + (failed.length > 3 ? ` and ${failed.length - 3} more` : '');
  return { state: 'error', reason: `the last sync could not read ${named}` };
}

/**
 * What names a domain to people: a Cloud site's host; a Bitbucket workspace's host and slug
 * (`bitbucket.org/acme`: every workspace shares the host); a Data Center instance's host and
 * context path.
 */
export function domainOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

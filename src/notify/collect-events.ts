import type { Kysely } from 'kysely';
import type { AppRecord } from '../app-risk/model/app.ts';
import type { Database } from '../db/schema.ts';
import { ruleMetasOf } from '../findings/store/rule-metas.ts';
import { readAtVersion } from '../inventory/read-dataset.ts';
import { SEVERITIES, type Severity } from '../rules/severity.ts';
import { appsOfSnapshot, type EvaluatedApp } from '../scan/apps-of-snapshot.ts';
import { type EventItem, type NotifyEvent, titleOf } from './events.ts';
import type { Links } from './links.ts';

// What a finished scan means to people: its events, read from what the scan stored (the scans
// row, the findings' workflow history of this snapshot, the apps of this snapshot against the
// previous one, the ban alerts of this snapshot, the credentials Palisade scans with). Pure reads.

/** How a scan ended, as the process that ran it tells the notifier (src/jobs/run-claimed-scan.ts). */
export interface ScanEnded {
  scanId: string;
  connectionId: string;
  status: 'success' | 'error' | 'cancelled' | 'requeued' | 'deferred';
  reason: string | null;
  snapshotVersion: number | null;
  /** The error's catalogue code, when the scan failed with one. */
  errorCode?: string | undefined;
}

export interface CollectDeps {
  db: Kysely<Database>;
  now: () => Date;
  links: Links;
}

const DAY_MS = 86_400_000;
export const EXPIRY_WINDOW_DAYS = 14;
/**
 * Failures that only a person can clear: new consent or a new credential. `sync_stopped` is a
 * credential Atlassian rejected mid-sync (src/scan/run-scan.ts: the only way a sync ends without a snapshot).
 */
const RECONNECT_CODES = new Set([
  'credential_rejected',
  'grant_expired',
  'credential_missing',
  'oauth_failed',
  'sync_stopped',
]);

export async function collectEvents(deps: CollectDeps, scan: ScanEnded): Promise<NotifyEvent[]> {
  if (scan.status !== 'success' && scan.status !== 'error') return [];
  const connection = await deps.db
    .selectFrom('connections')
    .select(['id', 'name'])
    .where('id', '=', scan.connectionId)
    .executeTakeFirst();
  if (!connection) return [];
  const base = {
    connectionId: connection.id,
    connectionName: connection.name,
    at: deps.now().toISOString(),
    scanId: scan.scanId,
    snapshotVersion: scan.snapshotVersion,
    link: deps.links.connection(connection.id),
  };
  if (scan.status === 'error') return [await failureEvent(deps, scan, base)];
  const version = scan.snapshotVersion;
  if (version === null) return [];
  const events: NotifyEvent[] = [];
  const ready = await domainReady(deps, scan, base);
  if (ready) events.push(ready);
  const findings = await newFindings(deps, connection.id, version);
  if (findings.length > 0) {
    events.push({
      ...base,
      type: 'findings.new',
      title: titleOf('findings.new', findings),
      summary: `Scan ${version} of ${connection.name} found these failing for the first time, or failing again after they were resolved.`,
      link: deps.links.findings(connection.id),
      items: findings,
    });
  }
  events.push(...(await appEvents(deps, connection.id, version, base)));
  const bans = await banEvents(deps, connection.id, version, base);
  if (bans) events.push(bans);
  const expiring = await expiringCredentials(deps, connection.id, version, base);
  if (expiring) events.push(expiring);
  return events;
}

type Base = Omit<NotifyEvent, 'type' | 'title' | 'summary' | 'items'>;

async function failureEvent(deps: CollectDeps, scan: ScanEnded, base: Base): Promise<NotifyEvent> {
  const profile = await deps.db
    .selectFrom('connection_profiles')
    .select('error_reason')
    .where('connection_id', '=', scan.connectionId)
    .executeTakeFirst();
  const reason = scan.reason ?? profile?.error_reason ?? 'the scan stopped without a reason';
  const reconnect =
    (scan.errorCode !== undefined && RECONNECT_CODES.has(scan.errorCode)) || Boolean(profile?.error_reason);
  if (reconnect) {
    return {
      ...base,
      type: 'connection.reconnect_needed',
      title: titleOf('connection.reconnect_needed', []),
      summary: `${base.connectionName} can no longer be scanned: ${reason}. Open the connection and choose Reconnect (or Edit → API Key) to give Palisade a working credential.`,
      items: [],
    };
  }
  return {
    ...base,
    type: 'scan.failed',
    title: titleOf('scan.failed', []),
    summary: `The scan of ${base.connectionName} failed: ${reason}. Palisade tries again at the next scheduled scan; open the connection to scan now.`,
    items: [],
  };
}

async function domainReady(deps: CollectDeps, scan: ScanEnded, base: Base): Promise<NotifyEvent | undefined> {
  const earlier = await deps.db
    .selectFrom('scans')
    .select('id')
    .where('connection_id', '=', scan.connectionId)
    .where('status', '=', 'success')
    .where('id', '!=', scan.scanId)
    .limit(1)
    .executeTakeFirst();
  if (earlier) return undefined;
  return {
    ...base,
    type: 'domain.ready',
    title: titleOf('domain.ready', []),
    summary: `The first scan of ${base.connectionName} finished: its settings, sites and apps are in Palisade. Open it to see its posture, findings and apps.`,
    items: [],
  };
}

function asSeverity(text: string | null | undefined): Severity | null {
  return (SEVERITIES as readonly string[]).includes(text ?? '') ? (text as Severity) : null;
}

async function newFindings(deps: CollectDeps, connectionId: string, version: number): Promise<EventItem[]> {
  const rows = await deps.db
    .selectFrom('finding_history as h')
    .innerJoin('finding_workflow as f', 'f.id', 'h.finding_id')
    .select([
      'f.id',
      'f.rule_id',
      'f.title',
      'f.severity',
      'f.severity_rank',
      'f.resource_name',
      'f.resource_id',
      'f.message',
      'f.first_seen_at',
      'h.to_value',
    ])
    .where('f.connection_id', '=', connectionId)
    .where('h.snapshot_version', '=', version)
    .where('h.kind', '=', 'status')
    .where('h.actor_id', 'is', null)
    .where('h.to_value', 'in', ['open', 'regressed'])
    .where('f.status', 'in', ['open', 'regressed'])
    .orderBy('f.severity_rank')
    .orderBy('f.first_seen_at')
    .orderBy('f.id')
    .execute();
  if (rows.length === 0) return [];
  const metas = await ruleMetasOf(deps.db, connectionId);
  const seen = new Set<string>();
  const items: EventItem[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const resource = r.resource_name ?? r.resource_id;
    items.push({
      title: `${r.to_value === 'regressed' ? 'Regressed: ' : ''}${r.title} — ${resource}`,
      severity: asSeverity(r.severity),
      detail: r.message,
      link: deps.links.finding(r.id),
      fix: metas.get(r.rule_id)?.remediation.ui[0],
    });
  }
  return items;
}

const HIGH: ReadonlySet<string> = new Set(['critical', 'high']);

async function appEvents(deps: CollectDeps, connectionId: string, version: number, base: Base) {
  const previous = await deps.db
    .selectFrom('snapshots')
    .select('version')
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'complete')
    .where('version', '<', version)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const now = deps.now();
  const current = await appsOfSnapshot(deps.db, connectionId, version, now);
  const before = previous
    ? new Map(
        // As the previous scan judged them: "now at high risk" means since then.
        (await appsOfSnapshot(deps.db, connectionId, previous.version, now, { stored: 'as-judged' })).map(
          (a) => [a.appKey, a],
        ),
      )
    : new Map<string, EvaluatedApp>();
  const risky: EventItem[] = [];
  const changed: EventItem[] = [];
  for (const app of current) {
    const old = before.get(app.appKey);
    const band = asSeverity(app.risk.band);
    if (HIGH.has(app.risk.band) && (!old || !HIGH.has(old.risk.band))) {
      risky.push({
        title: `${app.name}${app.vendorName ? ` (${app.vendorName})` : ''}`,
        severity: band,
        detail: `${old ? 'Now at' : 'First seen at'} ${app.risk.band} risk (score ${app.risk.score})${installedBy(app)}; scopes: ${app.scopes.join(', ') || 'none readable'}.`,
        link: deps.links.app(app.appKey),
        fix: 'Review its access; revoke or ban it if it is not needed.',
      });
    }
    if (old?.scopesReadable && app.scopesReadable) {
      const added = app.scopes.filter((s) => !old.scopes.includes(s));
      const removed = old.scopes.filter((s) => !app.scopes.includes(s));
      if (added.length > 0 || removed.length > 0) {
        const parts = [
          added.length > 0 ? `added ${added.join(', ')}` : '',
          removed.length > 0 ? `removed ${removed.join(', ')}` : '',
        ].filter(Boolean);
        changed.push({
          title: app.name,
          severity: band,
          detail: `Permissions ${parts.join('; ')} (risk ${app.risk.band}, score ${app.risk.score}).`,
          link: deps.links.app(app.appKey),
        });
      }
    }
  }
  const events: NotifyEvent[] = [];
  if (risky.length > 0) {
    events.push({
      ...base,
      type: 'app.high_risk',
      title: titleOf('app.high_risk', risky),
      summary: `These apps of ${base.connectionName} score high or critical risk from the access they hold.`,
      items: risky,
    });
  }
  if (changed.length > 0) {
    events.push({
      ...base,
      type: 'app.scopes_changed',
      title: titleOf('app.scopes_changed', changed),
      summary: `These apps of ${base.connectionName} hold different permissions (scopes) than at the previous scan.`,
      items: changed,
    });
  }
  return events;
}

function installedBy(app: AppRecord): string {
  const installer = app.installations.find((i) => i.installer?.name)?.installer?.name;
  return installer ? `, installed by ${installer}` : '';
}

async function banEvents(deps: CollectDeps, connectionId: string, version: number, base: Base) {
  const alerts = await deps.db
    .selectFrom('app_ban_alerts')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', version)
    .orderBy('detected_at')
    .orderBy('id')
    .execute();
  if (alerts.length === 0) return undefined;
  const items: EventItem[] = alerts.map((a) => ({
    title: `${a.app_name ?? a.app_key} on ${a.site_url ?? a.site_id} (${a.product})`,
    severity: 'high',
    detail: `${a.message}${/[.!?]$/.test(a.message) ? '' : '.'} Banned by ${a.banned_by}: ${a.ban_reason}`,
    link: deps.links.app(a.app_key),
  }));
  return {
    ...base,
    type: 'app.ban_reinstalled' as const,
    title: titleOf('app.ban_reinstalled', items),
    summary: `Someone installed banned apps on ${base.connectionName} again; Palisade's enforcement result is beside each.`,
    items,
  };
}

interface TokenRecord {
  accountId: string;
  palisadeAccount?: boolean;
  tokens: { id: string; label: string; expiry: string | null }[];
}

/** The API tokens of the account Palisade scans with that expire within 14 days (each told once). */
async function expiringCredentials(deps: CollectDeps, connectionId: string, version: number, base: Base) {
  const now = deps.now().getTime();
  const records = await readAtVersion<TokenRecord>(
    deps.db,
    { connectionId, dataset: 'org.api-tokens' },
    version,
  );
  const items: EventItem[] = [];
  for (const { data } of records) {
    if (data.palisadeAccount !== true) continue;
    for (const token of data.tokens) {
      const expiry = token.expiry ? Date.parse(token.expiry) : Number.NaN;
      if (!(expiry > now && expiry - now <= EXPIRY_WINDOW_DAYS * DAY_MS)) continue;
      const key = `credential.expiring:${connectionId}:${token.id}:${token.expiry}`;
      if (!(await claimOnce(deps.db, key, deps.now()))) continue;
      const days = Math.floor((expiry - now) / DAY_MS);
      items.push({
        title: `API token ${token.label || token.id}`,
        severity: null,
        detail: `Palisade scans ${base.connectionName} with this token; it expires in ${days} day${days === 1 ? '' : 's'}, on ${token.expiry?.slice(0, 10)}. Create a replacement and update the connection (Edit → API Key), or scans stop that day.`,
        link: base.link,
      });
    }
  }
  if (items.length === 0) return undefined;
  return {
    ...base,
    type: 'credential.expiring' as const,
    title: titleOf('credential.expiring', items),
    summary: `Renew these before they expire so that scans of ${base.connectionName} keep running.`,
    items,
  };
}

/** Whether this one-off event was not told yet (and now is, atomically, whoever else tries). */
async function claimOnce(db: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('notification_sent_keys')
    .values({ key, sent_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

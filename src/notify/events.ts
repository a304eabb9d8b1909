import { SEVERITIES, type Severity, severityRank } from '../rules/severity.ts';

// What Palisade tells people: each event is about one connection, carries the items themselves
// (findings, apps, credentials) with links, and is rendered per channel (e-mail, Slack, webhook)
// only when it is delivered. Event types are part of the interface (preferences, webhooks).

export const EVENT_TYPES = [
  'domain.ready',
  'scan.failed',
  'connection.reconnect_needed',
  'findings.new',
  'app.high_risk',
  'app.scopes_changed',
  'app.ban_reinstalled',
  'credential.expiring',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export { SEVERITIES, type Severity };

/** Events whose items a subscriber's severity threshold filters (the others always pass). */
const FILTERED: ReadonlySet<string> = new Set<EventType>([
  'findings.new',
  'app.high_risk',
  'app.scopes_changed',
]);

export interface EventItem {
  title: string;
  /** A finding's severity, an app's risk band (critical … low). */
  severity: Severity | null;
  /** One line: what it is and why it matters (a finding's message, the scopes added). */
  detail: string;
  /** Where to open it in Palisade. */
  link: string;
  /** The remediation's first step, when there is one. */
  fix?: string | undefined;
}

export interface NotifyEvent {
  /** `channel.test`: the message of a channel's "send a test". */
  type: EventType | 'channel.test';
  connectionId: string;
  connectionName: string;
  at: string;
  scanId: string | null;
  snapshotVersion: number | null;
  /** One line, e.g. "3 new or regressed critical or high findings". */
  title: string;
  /** A sentence or two: the reason a scan failed, what to do. */
  summary: string;
  /** The connection's (or the list's) page in Palisade. */
  link: string;
  items: EventItem[];
}

/** The event as a subscriber with this threshold sees it; undefined when nothing of it is left. */
export function filterForThreshold(event: NotifyEvent, threshold: Severity): NotifyEvent | undefined {
  if (!FILTERED.has(event.type)) return event;
  const items = event.items.filter(
    (i) => i.severity === null || severityRank(i.severity) <= severityRank(threshold),
  );
  if (items.length === 0) return undefined;
  if (items.length === event.items.length) return event;
  return { ...event, items, title: titleOf(event.type as EventType, items) };
}

/** The title of an event with these items (a count changes with the subscriber's threshold). */
export function titleOf(type: EventType, items: readonly EventItem[]): string {
  const n = items.length;
  const s = n === 1 ? '' : 's';
  switch (type) {
    case 'findings.new':
      return `${n} new or regressed finding${s} (${severities(items)})`;
    case 'app.high_risk':
      return `${n} new high-risk app${s}`;
    case 'app.scopes_changed':
      return `${n} app${s} changed permissions`;
    case 'app.ban_reinstalled':
      return `${n} banned app${s} reinstalled`;
    case 'credential.expiring':
      return `${n} credential${s} Palisade uses expire${n === 1 ? 's' : ''} within 14 days`;
    case 'domain.ready':
      return 'Your domain is ready';
    case 'scan.failed':
      return 'A scan failed';
    case 'connection.reconnect_needed':
      return 'The connection needs reconnecting';
  }
}

function severities(items: readonly EventItem[]): string {
  const counts = new Map<string, number>();
  for (const i of items) if (i.severity) counts.set(i.severity, (counts.get(i.severity) ?? 0) + 1);
  return SEVERITIES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

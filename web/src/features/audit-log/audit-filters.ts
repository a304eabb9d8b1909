import { endOfDay } from '../exceptions/expiry.ts';

// The audit log's filters as the page keeps them in its URL (shareable), and as the API takes
// them: exact actor id, action and subject; a day range (from the start of `from` to the end of
// `to`, in the browser's time zone).

export const FILTER_NAMES = ['actor', 'action', 'subject', 'from', 'to'] as const;
export type AuditFilters = Partial<Record<(typeof FILTER_NAMES)[number], string>>;

export function filtersOf(params: URLSearchParams): AuditFilters {
  const out: AuditFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) out[name] = value;
  }
  return out;
}

function startOfDay(day: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).toISOString();
}

/** The API's query for the filters (days become instants; an unreadable day is left out). */
export function apiQueryOf(filters: AuditFilters): {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
} {
  const from = filters.from ? startOfDay(filters.from) : undefined;
  const to = filters.to ? endOfDay(filters.to) : undefined;
  return {
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.subject ? { subject: filters.subject } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** The CSV export's address for the same filters (a plain GET: the session cookie goes with it). */
export function csvHref(filters: AuditFilters): string {
  const search = new URLSearchParams(apiQueryOf(filters));
  const qs = search.toString();
  return `/api/v1/audit-log.csv${qs ? `?${qs}` : ''}`;
}

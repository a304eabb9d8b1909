import type { ApiOperations } from '../../api/schema.ts';

// The findings view lives in the URL (issue 13: a view can be shared): every filter of
// GET /api/v1/findings is a search parameter of /findings with the API's own name, repeated for
// several values (?severity=critical&product=jira), plus `sort` and `dir` for the table's order.

export type FindingsQuery = Exclude<ApiOperations['GET /api/v1/findings']['query'], undefined>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const STATUSES = ['open', 'in_progress', 'regressed', 'resolved', 'dismissed'] as const;
// The server's products and areas (src/rules/areas.ts), which it checks these filters against.
export const PRODUCTS = [
  'org',
  'jira',
  'jira-service-management',
  'confluence',
  'bitbucket',
  'jira-data-center',
  'confluence-data-center',
] as const;
export const AREAS = [
  'identity',
  'accounts',
  'tokens',
  'app-governance',
  'apps',
  'data-protection',
  'jira',
  'jsm',
  'confluence',
  'bitbucket',
  'jira-data-center',
  'confluence-data-center',
] as const;

/** Filters that take several values. */
export const MULTI = ['severity', 'status', 'product', 'area', 'site', 'rule', 'control'] as const;
/** Filters that take one value. */
export const SINGLE = ['app', 'firstSeenFrom', 'firstSeenTo', 'q', 'assignee'] as const;
type Multi = (typeof MULTI)[number];
type Single = (typeof SINGLE)[number];

export const SORTS = ['severity', 'title', 'status', 'site', 'firstSeen', 'lastSeen'] as const;
export type SortKey = (typeof SORTS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface FindingsFilter {
  multi: Record<Multi, string[]>;
  single: Partial<Record<Single, string>>;
}

export function filterFromSearch(search: URLSearchParams): FindingsFilter {
  const multi = Object.fromEntries(
    MULTI.map((name) => [name, search.getAll(name).filter(Boolean)]),
  ) as Record<Multi, string[]>;
  const single: Partial<Record<Single, string>> = {};
  for (const name of SINGLE) {
    const value = search.get(name);
    if (value) single[name] = value;
  }
  return { multi, single };
}

export function sortFromSearch(search: URLSearchParams): Sort {
  const key = search.get('sort');
  const dir = search.get('dir') === 'desc' ? 'desc' : 'asc';
  return { key: (SORTS as readonly string[]).includes(key ?? '') ? (key as SortKey) : 'severity', dir };
}

/** The filter as the API's query (dates as the start/end of the chosen day, UTC). */
export function apiQueryOf(filter: FindingsFilter): FindingsQuery {
  const query: FindingsQuery = {};
  for (const name of MULTI) if (filter.multi[name].length > 0) query[name] = filter.multi[name];
  const { app, q, assignee, firstSeenFrom, firstSeenTo } = filter.single;
  if (app) query.app = app;
  if (q) query.q = q;
  if (assignee) query.assignee = assignee;
  if (firstSeenFrom) query.firstSeenFrom = dayBound(firstSeenFrom, 'start');
  if (firstSeenTo) query.firstSeenTo = dayBound(firstSeenTo, 'end');
  return query;
}

function dayBound(value: string, edge: 'start' | 'end'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
}

/** The URL's search with one filter replaced (others, and the sort, kept). */
export function withFilter(
  search: URLSearchParams,
  name: string,
  values: string[] | string,
): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(name);
  for (const value of Array.isArray(values) ? values : [values]) if (value) next.append(name, value);
  return next;
}

export function isFiltered(filter: FindingsFilter): boolean {
  return MULTI.some((n) => filter.multi[n].length > 0) || Object.keys(filter.single).length > 0;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATUS_RANK: Record<string, number> = {
  regressed: 0,
  open: 1,
  in_progress: 2,
  resolved: 3,
  dismissed: 4,
};

interface SortableFinding {
  severity: string;
  title: string;
  status: string;
  site: string;
  firstSeen: string;
  lastSeen: string;
}

/** Orders the loaded rows; severity ascending means most severe first. */
export function sortFindings<T extends SortableFinding>(rows: readonly T[], sort: Sort): T[] {
  const value = (row: T): string | number => {
    if (sort.key === 'severity') return SEVERITY_RANK[row.severity] ?? 9;
    if (sort.key === 'status') return STATUS_RANK[row.status] ?? 9;
    return row[sort.key].toLowerCase();
  };
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

export const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  regressed: 'Regressed',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export const SEVERITY_COLOR: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
};

export const DISMISSAL_REASONS = [
  { value: 'accepted_risk', label: 'Accepted risk (records an exception until an expiry)' },
  { value: 'false_positive', label: 'False positive' },
  { value: 'wont_fix', label: "Won't fix" },
] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number]['value'];

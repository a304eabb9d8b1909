// Where each number of the Overview leads: the list behind it, with the list API's own filter
// names in the URL (GET /api/v1/findings, GET /api/v1/apps), so the Findings and Apps pages open
// already filtered and the number is the list's total.

/** The workflow statuses the Overview counts as failing (the server's FAILING_STATUSES). */
export const FAILING_STATUSES = ['open', 'in_progress', 'regressed'] as const;

type Params = Record<string, string | undefined>;

function withQuery(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, value);
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Findings still to be worked, of one severity (or all), optionally of one connection. */
export function failingFindingsLink(severity: string | undefined, connectionId?: string): string {
  return withQuery('/findings', { status: FAILING_STATUSES.join(','), severity, connectionId });
}

export type ChangeKind = 'new' | 'regressed' | 'resolved';

/**
 * What the last scan changed. The findings list has no "changed in snapshot N" filter, so: new
 * findings are the open ones first seen after the evaluation before the latest (every open one
 * when there is no earlier evaluation), regressed and resolved are those statuses.
 */
export function changesLink(
  kind: ChangeKind,
  options: { connectionId?: string; since?: string } = {},
): string {
  if (kind === 'new') {
    return withQuery('/findings', {
      status: 'open',
      firstSeenFrom: options.since,
      connectionId: options.connectionId,
    });
  }
  return withQuery('/findings', { status: kind, connectionId: options.connectionId });
}

/** The apps of one risk band. */
export function appsBandLink(band: string): string {
  return withQuery('/apps', { band });
}

/** One app, found by its key in the inventory. */
export function appLink(key: string, connectionId?: string): string {
  return withQuery('/apps', { q: key, connectionId });
}

/** A connection's findings. */
export function connectionFindingsLink(connectionId: string): string {
  return withQuery('/findings', { connectionId });
}

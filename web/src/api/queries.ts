import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';

// Query keys and loaders shared by pages and by the live-update hook (live/use-live-events.ts),
// which invalidates them by their first key part. A page adds its own here when another part of
// the UI (or the event stream) must refresh it.

export const queryKeys = {
  session: ['session'] as const,
  connections: ['connections'] as const,
  findings: ['findings'] as const,
  scans: ['scans'] as const,
  reports: ['reports'] as const,
  exceptions: ['exceptions'] as const,
  auditLog: ['audit-log'] as const,
  users: ['users'] as const,
  overview: ['overview'] as const,
  compliance: ['compliance'] as const,
  attestations: ['attestations'] as const,
};

export const connectionsQuery = () =>
  queryOptions({
    queryKey: queryKeys.connections,
    queryFn: ({ signal }) => api('GET /api/v1/connections', { signal }),
  });

/** The Overview's numbers (GET /api/v1/overview). */
export const overviewQuery = () =>
  queryOptions({
    queryKey: queryKeys.overview,
    queryFn: ({ signal }) => api('GET /api/v1/overview', { signal }),
  });

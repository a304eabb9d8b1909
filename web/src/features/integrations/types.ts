import type { ApiOperations } from '../../api/schema.ts';

// The shapes the Integrations page shows, from the server's route schemas (one source; from the
// generated types rather than the client, so node tests of the pure helpers can load them).

type ApiResponse<K extends keyof ApiOperations> = ApiOperations[K]['response'];

export type ConnectionList = ApiResponse<'GET /api/v1/connections'>;
export type Connection = ConnectionList['connections'][number];
export type Domain = Connection['domains'][number];
export type LastSync = NonNullable<Domain['lastSync']>;
export type DomainStatus = Domain['status'];
export type ConsentCatalogue = ApiResponse<'GET /api/v1/connections/oauth/start'>;

/** Whether a connection is still being read for the first time (or again). */
export function isProcessing(connection: Connection): boolean {
  return connection.status.state === 'pending' || connection.status.state === 'in_progress';
}

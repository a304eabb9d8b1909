import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ConnectionProfilesTable } from '../../db/schema-server.ts';
import { ManagedConnectionError } from './connection-errors.ts';

export type ConnectionProfile = Selectable<ConnectionProfilesTable>;

/** The profile of a server-managed connection that is not being deleted; 404 otherwise. */
export async function activeProfile(db: Kysely<Database>, connectionId: string): Promise<ConnectionProfile> {
  const profile = await db
    .selectFrom('connection_profiles')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (profile?.state !== 'active') {
    throw new ManagedConnectionError(
      'connection_not_found',
      profile ? `connection ${connectionId} is being deleted` : `no connection ${connectionId}`,
      { fix: 'list the connections with GET /api/v1/connections' },
    );
  }
  return profile;
}

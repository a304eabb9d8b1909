import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { RequestError } from '../request-error.ts';

// The connections a read of exceptions, attestations or reports covers: the one named (which must
// exist), or every connection.

export async function connectionsIn(
  db: Kysely<Database>,
  connectionId: string | undefined,
): Promise<string[]> {
  if (connectionId !== undefined) {
    await requireConnection(db, connectionId);
    return [connectionId];
  }
  return (await db.selectFrom('connections').select('id').orderBy('id').execute()).map((c) => c.id);
}

export async function requireConnection(db: Kysely<Database>, connectionId: string): Promise<void> {
  const row = await db
    .selectFrom('connections')
    .select('id')
    .where('id', '=', connectionId)
    .executeTakeFirst();
  if (!row) throw new RequestError('connection_not_found', `no connection ${connectionId}`);
}

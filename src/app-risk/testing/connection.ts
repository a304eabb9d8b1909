import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { saveConnection } from '../../inventory/connections.ts';
import { NOW } from '../model/testing/fixtures.ts';

/** A connection row, which the governance tables refer to. */
export async function testConnection(db: Kysely<Database>, id = 'conn-1'): Promise<string> {
  await saveConnection(
    db,
    {
      id,
      name: 'Acme',
      orgId: 'org-1',
      sites: [{ cloudId: 'cloud-acme', url: 'https://acme.atlassian.net', products: ['jira'] }],
    },
    NOW,
  );
  return id;
}

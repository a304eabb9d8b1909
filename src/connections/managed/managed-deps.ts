import type { Kysely } from 'kysely';
import type { BaseUrls } from '../../atlassian/urls.ts';
import type { Database } from '../../db/schema.ts';
import type { SecretBox } from '../credentials/secret-box.ts';

/** What managing a connection needs: the store, the key, where Atlassian is, and the clock. */
export interface ManagedConnectionDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  now: () => Date;
}

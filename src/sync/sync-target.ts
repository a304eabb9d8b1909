import type { Credentials } from '../atlassian/credentials.ts';
import type { Connection } from '../inventory/connections.ts';
import type { CredentialAccess } from './credential-access.ts';

/**
 * What a sync reads: the connection, the credentials to read it with and what discovery learnt
 * about them (src/connections). The one target every part of the sync takes, or a part of it.
 */
export interface SyncTarget extends Connection {
  credentials: Credentials;
  /**
   * What the site credential may see on each site (discovery establishes it): datasets needing a
   * right it lacks are forbidden or partial. Absent: nothing is judged before reading.
   */
  access?: CredentialAccess | undefined;
  /** The account the site credential belongs to (discovery's `myself`): its API tokens are Palisade's own. */
  palisadeAccountId?: string | undefined;
}

/** The part of the target the run engine and the plan need (the client already holds the credentials). */
export type SyncScope = Pick<SyncTarget, 'id' | 'orgId' | 'sites' | 'access'>;

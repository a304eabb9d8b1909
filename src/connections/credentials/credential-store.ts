import type { Kysely } from 'kysely';
import type { Credentials, OAuthTokens } from '../../atlassian/credentials.ts';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { ConnectionMethod, CredentialPurpose } from '../../db/schema-server.ts';
import type { SecretBox } from './secret-box.ts';

// The credentials of a server-managed connection, sealed (secret-box.ts) in
// `connection_credentials`: one row for reading (scans) and, after the separate write-consent
// step, one for app actions only. What may be shown of a credential (its last 4 characters, the
// admin e-mail) is kept beside it as a hint, so listing connections never opens a secret.

/** The Palisade onboarding of Palo Alto's guide: admin e-mail + API token, and/or the org API key. */
export interface ApiTokenBundle {
  method: 'api-token';
  adminEmail?: string | undefined;
  apiToken?: string | undefined;
  orgApiKey?: string | undefined;
  orgId?: string | undefined;
  /** The site URLs the person gave; discovered from the org when absent. */
  siteUrls?: string[] | undefined;
  /**
   * A Bitbucket Cloud workspace instead of sites (a connection of kind `bitbucket`): read with its
   * workspace access token, or else with `adminEmail` and `apiToken` of a workspace admin.
   */
  bitbucket?: { workspace: string; accessToken?: string | undefined } | undefined;
  /**
   * A Jira or Confluence Data Center instance instead of sites (a connection of kind
   * `data-center`): its base URL, read with a personal access token.
   */
  dataCenter?: { baseUrl: string; personalAccessToken: string } | undefined;
}

/**
 * Zscaler's flow: a 3LO grant, plus the API token (and e-mail) pasted next for what OAuth cannot
 * reach (UPM's app inventory), and the org API key when given.
 */
export interface OAuthBundle {
  method: 'oauth';
  tokens: OAuthTokens;
  /** The sites the grant reaches (accessible-resources), as origins. */
  siteUrls: string[];
  adminEmail?: string | undefined;
  apiToken?: string | undefined;
  orgApiKey?: string | undefined;
  orgId?: string | undefined;
}

/**
 * The write consent, used only for app actions: a site admin's API token, or (a Data Center
 * instance) a system administrator's personal access token.
 */
export type WriteBundle =
  | { method: 'api-token'; adminEmail: string; apiToken: string; personalAccessToken?: undefined }
  | { method: 'api-token'; personalAccessToken: string; adminEmail?: undefined; apiToken?: undefined };

/** The write consent as a client takes it: a Data Center token (Bearer), or a site admin's API token (Basic). */
export function writeCredentialsOf(bundle: WriteBundle): Credentials {
  if (bundle.personalAccessToken !== undefined) return { dataCenterToken: bundle.personalAccessToken };
  return { site: { kind: 'basic', email: bundle.adminEmail, apiToken: bundle.apiToken } };
}

export type ReadBundle = ApiTokenBundle | OAuthBundle;

/** What a read credential connects: Atlassian Cloud (an org and its sites), a Bitbucket workspace, a Data Center instance. */
export type ConnectionKind = 'atlassian' | 'bitbucket' | 'data-center';

/** Which credential reads a Bitbucket workspace: its workspace access token, or an admin's e-mail and API token. */
export type BitbucketCredential = 'access-token' | 'api-token';

export interface CredentialHint {
  /** The last 4 characters of the credential that reads (the API token, else the access or personal access token, else the org API key). */
  apiKey: { last4: string } | null;
  email: string | null;
  /** The read credential's kind; absent from write consents and from hints saved before it was kept. */
  kind?: ConnectionKind | undefined;
  /** A Bitbucket workspace's read credential (kind `bitbucket` only). */
  bitbucketCredential?: BitbucketCredential | undefined;
}

export interface StoredCredential<B> {
  bundle: B;
  hint: CredentialHint;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
}

export function hintOf(
  bundle: ReadBundle | WriteBundle,
  purpose: CredentialPurpose = 'read',
): CredentialHint {
  const bitbucket = 'bitbucket' in bundle ? bundle.bitbucket : undefined;
  // The access token reads the workspace when both are stored (bitbucketConnectRequestOf), so its
  // last 4 characters are the ones shown.
  const key =
    bitbucket?.accessToken ??
    bundle.apiToken ??
    ('dataCenter' in bundle ? bundle.dataCenter?.personalAccessToken : undefined) ??
    ('personalAccessToken' in bundle ? bundle.personalAccessToken : undefined) ??
    ('orgApiKey' in bundle ? bundle.orgApiKey : undefined);
  return {
    apiKey: key && key.length >= 8 ? { last4: key.slice(-4) } : key ? { last4: '' } : null,
    email: bundle.adminEmail ?? null,
    ...(purpose === 'read' ? kindHintOf(bundle as ReadBundle) : {}),
  };
}

/** What a read bundle connects, kept in its hint so the list says a connection's kind without opening it. */
function kindHintOf(bundle: ReadBundle): Pick<CredentialHint, 'kind' | 'bitbucketCredential'> {
  if (bundle.method === 'api-token' && bundle.bitbucket) {
    return {
      kind: 'bitbucket',
      bitbucketCredential: bundle.bitbucket.accessToken ? 'access-token' : 'api-token',
    };
  }
  if (bundle.method === 'api-token' && bundle.dataCenter) return { kind: 'data-center' };
  return { kind: 'atlassian' };
}

export interface SaveCredentialInput<P extends CredentialPurpose> {
  connectionId: string;
  purpose: P;
  bundle: P extends 'write' ? WriteBundle : ReadBundle;
  /** The user id of the person saving it. */
  by: string | null;
  now: Date;
}

/** Creates or replaces the connection's credential for that purpose (in the caller's transaction when given one). */
export async function saveCredential<P extends CredentialPurpose>(
  db: Kysely<Database>,
  box: SecretBox,
  input: SaveCredentialInput<P>,
): Promise<void> {
  const at = input.now.toISOString();
  const method: ConnectionMethod = input.bundle.method;
  const ciphertext = box.seal(JSON.stringify(input.bundle));
  const hint = toJsonColumn(hintOf(input.bundle, input.purpose));
  await db
    .insertInto('connection_credentials')
    .values({
      connection_id: input.connectionId,
      purpose: input.purpose,
      method,
      ciphertext,
      hint,
      created_at: at,
      created_by: input.by,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['connection_id', 'purpose']).doUpdateSet({ method, ciphertext, hint, updated_at: at }),
    )
    .execute();
}

export async function loadCredential<P extends CredentialPurpose>(
  db: Kysely<Database>,
  box: SecretBox,
  connectionId: string,
  purpose: P,
): Promise<StoredCredential<P extends 'write' ? WriteBundle : ReadBundle> | undefined> {
  const row = await db
    .selectFrom('connection_credentials')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    bundle: JSON.parse(box.open(row.ciphertext)),
    hint: fromJsonColumn<CredentialHint>(row.hint),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** What may be shown of each connection's credentials, without opening any. */
export async function credentialHints(
  db: Kysely<Database>,
): Promise<Map<string, Partial<Record<CredentialPurpose, CredentialHint>>>> {
  const rows = await db
    .selectFrom('connection_credentials')
    .select(['connection_id', 'purpose', 'hint'])
    .execute();
  const out = new Map<string, Partial<Record<CredentialPurpose, CredentialHint>>>();
  for (const r of rows) {
    const entry = out.get(r.connection_id) ?? {};
    entry[r.purpose] = fromJsonColumn<CredentialHint>(r.hint);
    out.set(r.connection_id, entry);
  }
  return out;
}

export async function deleteCredential(
  db: Kysely<Database>,
  connectionId: string,
  purpose?: CredentialPurpose,
): Promise<boolean> {
  let q = db.deleteFrom('connection_credentials').where('connection_id', '=', connectionId);
  if (purpose) q = q.where('purpose', '=', purpose);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Re-seals every stored credential with the box's current key (`palisade secrets rotate-key`): the
 * box opens values sealed with the previous key. Each row is rewritten in one transaction, so an
 * interrupted rotation leaves every row readable with one of the two keys.
 */
export async function resealAll(
  db: Kysely<Database>,
  box: SecretBox,
): Promise<{ resealed: number; total: number }> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('connection_credentials').selectAll().execute();
    let resealed = 0;
    for (const row of rows) {
      if (box.isCurrent(row.ciphertext)) continue;
      const ciphertext = box.seal(box.open(row.ciphertext));
      await tx
        .updateTable('connection_credentials')
        .set({ ciphertext })
        .where('connection_id', '=', row.connection_id)
        .where('purpose', '=', row.purpose)
        .execute();
      resealed += 1;
    }
    // Notification channels' URLs and webhook secrets (src/notify) are sealed with the same key.
    const channels = await tx
      .selectFrom('notification_channels')
      .select(['id', 'url_sealed', 'secret_sealed'])
      .execute();
    let total = rows.length;
    for (const c of channels) {
      const reseal = (v: string | null) => (v === null || box.isCurrent(v) ? v : box.seal(box.open(v)));
      total += (c.url_sealed ? 1 : 0) + (c.secret_sealed ? 1 : 0);
      const url = reseal(c.url_sealed);
      const secret = reseal(c.secret_sealed);
      if (url === c.url_sealed && secret === c.secret_sealed) continue;
      await tx
        .updateTable('notification_channels')
        .set({ url_sealed: url, secret_sealed: secret })
        .where('id', '=', c.id)
        .execute();
      resealed += (url !== c.url_sealed ? 1 : 0) + (secret !== c.secret_sealed ? 1 : 0);
    }
    return { resealed, total };
  });
}

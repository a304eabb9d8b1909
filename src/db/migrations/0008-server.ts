import type { Kysely } from 'kysely';

// The server (issue "The Palisade server"): people, their sessions and API tokens, one-time links
// (first-run setup, invitations), sign-in throttling, the credentials of a connection (encrypted),
// what the Integrations window shows of a connection, OAuth consent in flight, and the history of
// scans. Same conventions as 0001: text ids, ISO text timestamps, JSON as canonical text. Secrets
// are never stored in the clear: tokens as SHA-256 hashes, credentials as AES-256-GCM ciphertext.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Lower-cased on write so that sign-in and uniqueness ignore case.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // JSON array of rights granted explicitly (`apps:revoke`), never implied by the role.
    .addColumn('rights', 'text', (c) => c.notNull())
    // argon2id PHC string; null until an invited person sets a password.
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's token: a database dump signs nobody in.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // At most the creator's role; checked again at use against the creator's current role.
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_by_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    // 'setup' (the first owner) or 'invite' (a person added without a password).
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('login_attempts')
    // `account:<email>` or `address:<ip>`: both are counted, so neither a spray over accounts
    // from one address nor a slow guess at one account from many addresses goes unchecked.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // Where a change came from: the address, the user agent and the session or token used.
  await db.schema.alterTable('audit_log').addColumn('source', 'text').execute();

  await db.schema
    .createTable('connection_profiles')
    // What the Integrations window shows of a connection beyond what a scan reads. No foreign key
    // to `connections`: the profile is written when the connection is verified, and kept (state
    // 'deleting') while the purge runs.
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    // 'api-token' | 'oauth'
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('first_connected_at', 'text', (c) => c.notNull())
    .addColumn('first_connected_by', 'text')
    // 'active' | 'deleting'
    .addColumn('state', 'text', (c) => c.notNull())
    // A problem found outside a scan (a refresh refused: "Grant expired"); cleared by a reconnect.
    .addColumn('error_reason', 'text')
    .addColumn('error_at', 'text')
    // Overrides the platform's PALISADE_SCAN_INTERVAL for this connection.
    .addColumn('scan_interval_seconds', 'integer')
    .addColumn('next_scan_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('connection_credentials')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    // 'read' (scans) or 'write' (app actions only, the write consent)
    .addColumn('purpose', 'text', (c) => c.notNull())
    // 'api-token' | 'oauth'
    .addColumn('method', 'text', (c) => c.notNull())
    // AES-256-GCM of the JSON credential bundle (src/connections/secret-box.ts).
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    // What may be shown: `{ "apiKey": { "last4": "…" }, "email": "…" }`, never more.
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connection_credentials_pk', ['connection_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('oauth_states')
    // SHA-256 of the `state` parameter sent to Atlassian's /authorize.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    // The session that started the consent: a callback in another browser is refused.
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // Set when the consent reconnects an existing connection.
    .addColumn('connection_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    // 'first' | 'scheduled' | 'manual' | 'reconnect'
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    // 'queued' | 'running' | 'success' | 'error' | 'cancelled'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // `{ done, total, phase }` while it runs.
    .addColumn('progress', 'text')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('sync_run_id', 'text')
    .addColumn('snapshot_version', 'integer')
    .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_limited', 'integer', (c) => c.notNull().defaultTo(0))
    // The process that runs it (so a successor can tell a dead one's scan from a live one).
    .addColumn('holder', 'text')
    .execute();
  await db.schema
    .createIndex('scans_by_connection')
    .on('scans')
    .columns(['connection_id', 'queued_at'])
    .execute();
  await db.schema.createIndex('scans_by_status').on('scans').column('status').execute();
}

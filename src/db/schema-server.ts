// Tables of the server (migration 0008): people, sessions, API tokens, one-time links, sign-in
// throttling, connection profiles and credentials, OAuth consent in flight, scans. Merged into
// `Database` in schema.ts. Timestamps ISO text, JSON canonical text; secrets only hashed or encrypted.
import type { ColumnType } from 'kysely';
import type { IsoTime, JsonText } from './schema.ts';

export type Role = 'owner' | 'admin' | 'analyst' | 'viewer';

export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: Role;
  /** JSON array of explicitly granted rights (`apps:revoke`). */
  rights: JsonText;
  /** argon2id PHC string; null until an invited person sets a password. */
  password_hash: string | null;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
  disabled_at: IsoTime | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: IsoTime;
  last_seen_at: IsoTime;
  expires_at: IsoTime;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  role: Role;
  /** SHA-256 (hex) of the `pls_…` token. */
  token_hash: string;
  last4: string;
  created_at: IsoTime;
  expires_at: IsoTime;
  last_used_at: IsoTime | null;
  revoked_at: IsoTime | null;
}

export type OneTimePurpose = 'setup' | 'invite';

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: OneTimePurpose;
  user_id: string | null;
  created_at: IsoTime;
  expires_at: IsoTime;
  used_at: IsoTime | null;
}

export interface LoginAttemptsTable {
  /** `account:<email>` or `address:<ip>`. */
  key: string;
  failures: number;
  window_started_at: IsoTime;
  locked_until: IsoTime | null;
}

export type ConnectionMethod = 'api-token' | 'oauth';

export interface ConnectionProfilesTable {
  connection_id: string;
  method: ConnectionMethod;
  first_connected_at: IsoTime;
  /** A user id. */
  first_connected_by: string | null;
  state: 'active' | 'deleting';
  error_reason: string | null;
  error_at: IsoTime | null;
  scan_interval_seconds: number | null;
  next_scan_at: IsoTime | null;
  updated_at: IsoTime;
  /**
   * JSON list of the last permission check (0009); null until one ran. Optional on insert, so
   * code that creates a profile without a check (the OAuth callback) need not name it.
   */
  permissions: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
  permissions_checked_at: ColumnType<IsoTime | null, IsoTime | null | undefined, IsoTime | null>;
}

export type CredentialPurpose = 'read' | 'write';

export interface ConnectionCredentialsTable {
  connection_id: string;
  purpose: CredentialPurpose;
  method: ConnectionMethod;
  /** AES-256-GCM of the JSON credential bundle. */
  ciphertext: string;
  /** JSON of what may be shown (last 4 characters, e-mail). */
  hint: JsonText;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
}

export interface OAuthStatesTable {
  state_hash: string;
  session_hash: string;
  user_id: string;
  connection_id: string | null;
  created_at: IsoTime;
  expires_at: IsoTime;
}

export type ScanTrigger = 'first' | 'scheduled' | 'manual' | 'reconnect';
export type ScanStatus = 'queued' | 'running' | 'success' | 'error' | 'cancelled';

export interface ScansTable {
  id: string;
  connection_id: string;
  trigger: ScanTrigger;
  requested_by: string | null;
  status: ScanStatus;
  reason: string | null;
  /** JSON `{ done, total, phase }` while it runs. */
  progress: JsonText | null;
  queued_at: IsoTime;
  started_at: IsoTime | null;
  finished_at: IsoTime | null;
  sync_run_id: string | null;
  snapshot_version: number | null;
  calls: number;
  retries: number;
  rate_limited: number;
  holder: string | null;
}

export interface ServerTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  one_time_tokens: OneTimeTokensTable;
  login_attempts: LoginAttemptsTable;
  connection_profiles: ConnectionProfilesTable;
  connection_credentials: ConnectionCredentialsTable;
  oauth_states: OAuthStatesTable;
  scans: ScansTable;
}

// The one catalogue of Palisade's errors (DESIGN.md convention 6). Every error Palisade throws is
// a `PalisadeError`: a `code` (what went wrong, one name per meaning, each declared once below)
// and, through the code, a `kind` (what the person or program facing it can do about it). The
// kind decides the CLI's exit code and the server's HTTP status; the code decides the fix the
// one line names. Modules define their own subclasses (with their own fields), never their own
// codes. This file imports nothing, so every folder may import it.

/** What an error means to whoever faces it; each kind has one exit code and one HTTP status. */
export const ERROR_KINDS = {
  /** The request itself is wrong: a flag, a field, a URL, a format, the environment. */
  invalid_input: { exitCode: 1, httpStatus: 400 },
  /** What the request names does not exist: a connection, a snapshot, an app, a database. */
  not_found: { exitCode: 1, httpStatus: 404 },
  /** Who is asking is unknown: no session or token, or an expired or revoked one. */
  unauthenticated: { exitCode: 1, httpStatus: 401 },
  /** Palisade refuses: a host not allow-listed, a right the actor lacks. */
  refused: { exitCode: 1, httpStatus: 403 },
  /** Too many attempts (sign-in): try again after the time the message names. */
  throttled: { exitCode: 1, httpStatus: 429 },
  /** Not now: another scan of the connection holds its lease, a snapshot is still being built, no write consent yet. */
  conflict: { exitCode: 1, httpStatus: 409 },
  /** Atlassian refused the connection's credential or permission, or the site is not one. */
  atlassian_refused: { exitCode: 1, httpStatus: 422 },
  /** Atlassian could not be read: unreachable, 5xx, rate limits past patience, an unusable answer. */
  atlassian_unavailable: { exitCode: 1, httpStatus: 502 },
  /** Stopped on request (Ctrl+C, shutdown); the next scan resumes where it stopped. */
  interrupted: { exitCode: 1, httpStatus: 503 },
  /** The database or a file could not be opened, read or written. */
  storage: { exitCode: 1, httpStatus: 503 },
  /** A bug: nothing the person can fix but report it. */
  internal: { exitCode: 1, httpStatus: 500 },
} as const satisfies Record<string, { exitCode: number; httpStatus: number }>;

export type ErrorKind = keyof typeof ERROR_KINDS;

/**
 * Every error code, its kind and, where one applies to every surface, the fix (a template:
 * `{input}` names an input the way the surface does, see `Surface`). A code not listed here does
 * not type-check, and an object literal cannot list one twice.
 */
export const ERROR_CODES = {
  // The request
  usage: { kind: 'invalid_input' },
  invalid_input: { kind: 'invalid_input' },
  invalid_url: { kind: 'invalid_input' },
  missing_credentials: { kind: 'invalid_input' },
  invalid_config: { kind: 'invalid_input', fix: 'correct it or unset it' },
  unknown_format: { kind: 'invalid_input' },
  output_needs_one_format: { kind: 'invalid_input' },
  invalid_attestation: { kind: 'invalid_input' },
  invalid_settings: { kind: 'invalid_input' },
  invalid_exception: { kind: 'invalid_input' },
  invalid_transition: { kind: 'invalid_input' },
  invalid_decision: { kind: 'invalid_input' },
  invalid_override: { kind: 'invalid_input' },
  invalid_policy: { kind: 'invalid_input' },
  invalid_request: { kind: 'invalid_input' },
  invalid_body: { kind: 'invalid_input' },
  invalid_channel: { kind: 'invalid_input' },
  owner_unknown: { kind: 'invalid_input', fix: 'give the owner’s e-mail address' },
  // What the request names
  connection_not_found: { kind: 'not_found', fix: '{rescan}' },
  no_complete_snapshot: { kind: 'not_found', fix: '{rescan}' },
  snapshot_not_found: { kind: 'not_found' },
  no_snapshot: { kind: 'not_found' },
  app_not_found: { kind: 'not_found' },
  app_not_in_inventory: { kind: 'not_found' },
  rule_not_found: { kind: 'not_found' },
  exception_not_found: { kind: 'not_found' },
  finding_not_found: { kind: 'not_found' },
  attestation_not_found: { kind: 'not_found' },
  unknown_rule: { kind: 'not_found' },
  route_not_found: { kind: 'not_found' },
  user_not_found: { kind: 'not_found' },
  token_not_found: { kind: 'not_found' },
  scan_not_found: { kind: 'not_found' },
  policy_not_found: { kind: 'not_found' },
  channel_not_found: { kind: 'not_found' },
  // Who is asking
  authentication_required: {
    kind: 'unauthenticated',
    fix: 'sign in, or send a personal API token as Authorization: Bearer',
  },
  invalid_credentials: { kind: 'unauthenticated' },
  setup_token_invalid: { kind: 'unauthenticated' },
  invite_invalid: { kind: 'unauthenticated' },
  // Palisade refuses
  host_not_allowed: { kind: 'refused' },
  not_permitted: { kind: 'refused' },
  permission_required: { kind: 'refused' },
  right_required: { kind: 'refused' },
  csrf_required: {
    kind: 'refused',
    fix: 'send the csrfToken of GET /api/v1/session in the X-CSRF-Token header',
  },
  oauth_not_configured: {
    kind: 'refused',
    fix: 'set PALISADE_OAUTH_CLIENT_ID, PALISADE_OAUTH_CLIENT_SECRET and PALISADE_OAUTH_REDIRECT_URL (docs/server.md), or connect with an API token',
  },
  oauth_state_invalid: { kind: 'refused', fix: 'start the connection again from Palisade' },
  oauth_declined: { kind: 'refused', fix: 'start again and accept the consent to connect' },
  // Too many attempts
  too_many_attempts: { kind: 'throttled' },
  // Not now
  scan_in_progress: { kind: 'conflict' },
  scan_finished: { kind: 'conflict', fix: 'request a new scan instead' },
  scan_lease_lost: { kind: 'conflict', fix: 'run the scan again once the other one has finished' },
  snapshot_state: { kind: 'conflict' },
  confirmation_required: { kind: 'conflict', fix: 'repeat the request with confirm set to true' },
  setup_done: { kind: 'conflict', fix: 'sign in instead; an owner or admin adds people' },
  email_taken: { kind: 'conflict' },
  connection_exists: { kind: 'conflict' },
  last_owner: { kind: 'conflict' },
  // The connection is not in a state to act on: grant it write consent first (HTTP 409).
  write_consent_required: { kind: 'conflict' },
  smtp_not_configured: {
    kind: 'conflict',
    fix: 'set PALISADE_SMTP_URL and PALISADE_MAIL_FROM and restart Palisade',
  },
  // Atlassian refused
  credential_rejected: { kind: 'atlassian_refused', fix: 'check {credentials}' },
  anonymous_refused: { kind: 'atlassian_refused' },
  credential_missing: { kind: 'atlassian_refused' },
  forbidden: {
    kind: 'atlassian_refused',
    fix: "give the credential the permission named, or use an admin's credential",
  },
  discovery_failed: { kind: 'atlassian_refused' },
  oauth_exchange_failed: { kind: 'atlassian_refused', fix: 'start the connection again from Palisade' },
  oauth_no_sites: { kind: 'atlassian_refused', fix: 'consent again and choose a site' },
  sync_stopped: { kind: 'atlassian_refused', fix: 'check {credentials} and scan again' },
  grant_expired: { kind: 'atlassian_refused', fix: 'reconnect the connection to give consent again' },
  oauth_failed: { kind: 'atlassian_refused' },
  not_site_admin: { kind: 'atlassian_refused' },
  write_credential_rejected: { kind: 'atlassian_refused' },
  app_not_removable: { kind: 'atlassian_refused' },
  // Atlassian could not be read
  not_found: { kind: 'atlassian_unavailable' },
  network: {
    kind: 'atlassian_unavailable',
    fix: 'check the URL and that the host is up and reachable from here',
  },
  rate_limited: {
    kind: 'atlassian_unavailable',
    fix: 'Atlassian asked to slow down for longer than Palisade waits; run the scan again later',
  },
  server_error: {
    kind: 'atlassian_unavailable',
    fix: 'run the scan again later',
  },
  response_parse: { kind: 'atlassian_unavailable' },
  request_rejected: { kind: 'atlassian_unavailable' },
  redirected: { kind: 'atlassian_unavailable' },
  schema_drift: { kind: 'atlassian_unavailable' },
  atlassian_unavailable: { kind: 'atlassian_unavailable' },
  atlassian_error: { kind: 'atlassian_unavailable' },
  // Stopped on request
  sync_interrupted: {
    kind: 'interrupted',
    fix: '{resume}',
  },
  // Storage
  database: { kind: 'storage' },
  migration_failed: { kind: 'storage' },
  write_failed: { kind: 'storage' },
  secret_key: { kind: 'storage' },
  database_unavailable: { kind: 'storage', fix: 'retry in a moment; the database is not answering' },
  // Bugs
  invalid_call: { kind: 'internal' },
  pagination: { kind: 'internal' },
  sync_plan: { kind: 'internal' },
  missing_context: { kind: 'internal' },
  normalization: { kind: 'internal' },
  bad_checkpoint: { kind: 'internal' },
  credential_in_data: { kind: 'internal' },
  invalid_rule_meta: { kind: 'internal' },
  invalid_route: { kind: 'internal' },
  internal_error: { kind: 'internal' },
} as const satisfies Record<string, { kind: ErrorKind; fix?: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The catalogue as one record type, for lookups by any code. */
const CATALOGUE: Record<ErrorCode, { kind: ErrorKind; fix?: string }> = ERROR_CODES;

/**
 * The base of every error Palisade throws. `message` names the problem (never a credential);
 * `fix`, when the thrower knows it better than the catalogue, names what to do (a template, see
 * `Surface`; '' when the message already says it). Subclasses declare their `code` (a literal or a union of catalogue codes).
 */
export abstract class PalisadeError extends Error {
  abstract readonly code: ErrorCode;
  readonly fix: string | undefined;

  constructor(message: string, options?: { cause?: unknown; fix?: string | undefined }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.fix = options?.fix;
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code].kind;
  }
}

/** Whether a string is one of the catalogue's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

// Errors from outside Palisade that a database driver throws: their codes are the driver's.
const SQLITE_CODES = new Set(['ERR_SQLITE_ERROR']);
const POSTGRES_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', '28P01', '3D000']);

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** The kind of anything thrown: a Palisade code's, a database driver's `storage`, else `internal`. */
export function kindOf(error: unknown): ErrorKind {
  const code = codeOf(error);
  if (isErrorCode(code)) return ERROR_CODES[code].kind;
  if (typeof code === 'string' && (SQLITE_CODES.has(code) || POSTGRES_CODES.has(code))) return 'storage';
  return 'internal';
}

/** The CLI's exit code for anything thrown. */
export function exitCodeOf(error: unknown): number {
  return ERROR_KINDS[kindOf(error)].exitCode;
}

/** The server's HTTP status for anything thrown. */
export function httpStatusOf(error: unknown): number {
  return ERROR_KINDS[kindOf(error)].httpStatus;
}

/** The inputs a fix may point at; each surface names them its own way (the CLI: flags and variables). */
export type InputName =
  | 'site'
  | 'siteCredential'
  | 'orgId'
  | 'orgApiKey'
  | 'credentials'
  | 'allowHost'
  | 'database'
  | 'rescan'
  | 'resume'
  /** Bitbucket Cloud: the workspace slug, and its credential (a workspace access token, or an e-mail and API token). */
  | 'bitbucketWorkspace'
  | 'bitbucketCredential'
  /** Jira or Confluence Data Center: the instance's base URL, and a personal access token on it. */
  | 'dataCenterUrl'
  | 'dataCenterToken';

/**
 * How a surface (the CLI, the server) names what a person changes. `allowHost` takes the host
 * to allow; the others take nothing.
 */
export interface Surface {
  input(name: InputName, arg?: string): string;
}

/** Names without a surface: the settings a server operator or an API caller would change. */
export const PLAIN_SURFACE: Surface = {
  input(name, arg) {
    switch (name) {
      case 'site':
        return 'the site URL';
      case 'siteCredential':
        return 'the e-mail and API token of the site credential';
      case 'orgId':
        return 'the organization id';
      case 'orgApiKey':
        return 'the org API key';
      case 'credentials':
        return 'the e-mail and API token or org API key given for it';
      case 'allowHost':
        return `${arg ?? 'the host'} to PALISADE_ALLOW_HOSTS`;
      case 'database':
        return 'the database URL';
      case 'rescan':
        return 'scan the connection first';
      case 'resume':
        return 'scan again to resume where it stopped';
      case 'bitbucketWorkspace':
        return 'the Bitbucket workspace';
      case 'bitbucketCredential':
        return 'the workspace access token, or the e-mail and API token of a workspace admin';
      case 'dataCenterUrl':
        return 'the Data Center base URL';
      case 'dataCenterToken':
        return 'the personal access token (of a system administrator to read every dataset)';
    }
  },
};

/** Fills a fix template's `{input}` and `{input:arg}` placeholders with the surface's names. */
export function renderFix(template: string, surface: Surface): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (_m, name: string, arg: string | undefined) =>
    surface.input(name as InputName, arg),
  );
}

interface Fields {
  code?: unknown;
  message?: unknown;
  url?: unknown;
  networkCode?: unknown;
  fix?: unknown;
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

const firstLine = (text: string): string => text.split('\n')[0]?.trim() ?? '';

/**
 * Anything thrown as ONE line naming the problem and the fix, for a person: the CLI prints it on
 * stderr, the server returns it as the error message. Told apart by `code`, so the callers need
 * no import of the modules that throw.
 */
export function describeError(error: unknown, surface: Surface = PLAIN_SURFACE): string {
  if (typeof error !== 'object' || error === null) return `unexpected error: ${String(error)}`;
  const e = error as Fields;
  const message = typeof e.message === 'string' ? firstLine(e.message) : String(error);
  const code = e.code;
  const fix = (template: string | undefined) => (template ? ` — ${renderFix(template, surface)}` : '');
  if (typeof e.fix === 'string') return `${message}${fix(e.fix)}`;
  const host = hostOf(e.url);
  switch (code) {
    // The connector's errors carry where they happened; the line names the host instead.
    case 'credential_rejected':
      return `${host ?? 'Atlassian'} rejected the credential (401: revoked, expired or mistyped)${fix(ERROR_CODES.credential_rejected.fix)}`;
    case 'host_not_allowed': {
      const reason = message.replace(/^outbound call refused: /, '').replace(/ \([^()]*\)$/, '');
      if (/over https/.test(reason)) return `${reason} — use an https:// URL`;
      return `${reason} — add ${surface.input('allowHost', host)} if you trust it`;
    }
    case 'network':
      return `cannot reach ${host ?? 'the host'} (${typeof e.networkCode === 'string' ? e.networkCode : 'network error'})${fix(ERROR_CODES.network.fix)}`;
    case 'sync_interrupted':
      return `the scan was interrupted${fix(ERROR_CODES.sync_interrupted.fix)}`;
    case 'migration_failed':
    case 'ERR_SQLITE_ERROR':
      return databaseLine(message, surface);
  }
  if (typeof code === 'string' && POSTGRES_CODES.has(code)) {
    return `cannot open the PostgreSQL database (${message}) — check ${surface.input('database')} and that the server is up`;
  }
  if (isErrorCode(code)) {
    return `${message}${fix(CATALOGUE[code].fix)}`;
  }
  return `unexpected error: ${message} — run again with --debug for details`;
}

function databaseLine(message: string, surface: Surface): string {
  if (/not a database|malformed|file is (encrypted|not)/i.test(message)) {
    return `the database is not a Palisade database (${message}) — check ${surface.input('database')}`;
  }
  return `database error: ${message} — check ${surface.input('database')}`;
}

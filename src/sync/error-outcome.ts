import type { AtlassianErrorCode } from '../atlassian/errors.ts';
import type { CollectorCredential } from './collector.ts';

// The one place that turns a thrown error into a dataset outcome. It reads `error.code` (the
// typed errors of src/atlassian/errors.ts and of the collectors all carry one) rather than
// `instanceof`, so errors from any layer and from test fakes map the same way.

export const CREDENTIAL_REJECTED_REASON = 'credential revoked or expired — reconnect';

const CREDENTIAL_NAMES: Record<CollectorCredential, string> = {
  site: 'the site credential (e-mail and API token)',
  org: 'the org API key',
  none: 'an anonymous call',
};

/**
 * Why the run stopped, naming which credential the host refused (a scan holds two, for different
 * hosts): the generic reason when the refusing call is unknown.
 */
export function credentialRejectedReason(credential: CollectorCredential, error: unknown): string {
  const url = (error as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || url.length === 0) return CREDENTIAL_REJECTED_REASON;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    host = url.split('/')[0] ?? url;
  }
  return `${CREDENTIAL_NAMES[credential]} was refused by ${host} (401: revoked or expired) — reconnect`;
}

export type ErrorOutcome =
  /** Stops the whole run: nothing more can be read with this credential. */
  | { kind: 'credential_rejected'; reason: string }
  /** The dataset cannot be read with the access granted; `missing` says what would allow it. */
  | { kind: 'forbidden'; reason: string; missing: string | null }
  | { kind: 'failed'; reason: string };

const CREDENTIAL_REJECTED: AtlassianErrorCode = 'credential_rejected';
const FORBIDDEN: AtlassianErrorCode = 'forbidden';
const CREDENTIAL_MISSING: AtlassianErrorCode = 'credential_missing';
const ANONYMOUS_REFUSED: AtlassianErrorCode = 'anonymous_refused';

const MAX_REASON = 500;

export function classifyError(error: unknown): ErrorOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    reason?: unknown;
    missing?: unknown;
    permission?: unknown;
    needs?: unknown;
  };
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : String(error);
  switch (e.code) {
    case CREDENTIAL_REJECTED:
      return { kind: 'credential_rejected', reason: CREDENTIAL_REJECTED_REASON };
    case FORBIDDEN:
      return {
        kind: 'forbidden',
        reason: clean(typeof e.reason === 'string' && e.reason.length > 0 ? e.reason : message),
        missing: listOf(e.missing) ?? listOf(e.permission),
      };
    case CREDENTIAL_MISSING:
      // No credential of the needed kind was given (no org key, say): as good as forbidden.
      return { kind: 'forbidden', reason: clean(message), missing: listOf(e.needs) };
    case ANONYMOUS_REFUSED:
      // A 401 to an unauthenticated call says the site refuses anonymous callers: never a
      // credential failure. Probes record it as a fact; any other anonymous read cannot be made.
      return { kind: 'forbidden', reason: clean(message), missing: null };
    default:
      return { kind: 'failed', reason: clean(message) };
  }
}

function listOf(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (Array.isArray(value)) {
    const names = value.filter((v): v is string => typeof v === 'string' && v.length > 0);
    return names.length > 0 ? names.join(', ') : null;
  }
  return null;
}

// The Atlassian layer already keeps credentials out of its messages; this is a second net for
// errors from elsewhere (a collector bug quoting a header), since reasons are stored and shown.
function clean(reason: string): string {
  const redacted = reason
    .replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/\b(ATATT|ATCTT|ATOAT)[A-Za-z0-9_=-]+/g, '[redacted]');
  return redacted.length > MAX_REASON ? `${redacted.slice(0, MAX_REASON - 1)}…` : redacted;
}

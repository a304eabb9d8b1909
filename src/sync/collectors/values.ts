import { isCredentialKey } from '../../inventory/datasets/secret-keys.ts';

// Small, forgiving readers for raw Atlassian JSON. The client has already validated responses
// against their schemas; these only turn optional or loosely typed fields into the null-or-value
// shape the datasets use.

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `ada@acme.example` → `acme.example`; null for a missing or malformed address. */
export function emailDomain(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null;
}

/**
 * Any time Atlassian sends (ISO with `Z`, Jira's `+0000`, epoch milliseconds) as ISO-8601 UTC;
 * null when unreadable.
 */
export function isoTime(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  else return null;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A time truncated to the start of its UTC day (ISO-8601), or null. */
export function isoDay(value: unknown): string | null {
  const time = isoTime(value);
  return time ? `${time.slice(0, 10)}T00:00:00.000Z` : null;
}

/** The primitive attributes of a free-form object, without credential-looking keys. */
export function safeAttributes(value: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    if (isCredentialKey(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** The numeric tail of a URL or ARI (`…/role/10002` → 10002). */
export function trailingNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /(\d+)\/?$/.exec(value);
  return m ? Number(m[1]) : null;
}

// JSON columns are text on both databases: one representation, byte-identical round trips, and
// the stored text is exactly what the item hash is computed over. Nothing queries inside the JSON
// (rules evaluate loaded snapshots), so PostgreSQL's jsonb would buy nothing here.

import type { JsonText } from './schema.ts';

/** Serializes with object keys sorted, so equal values always produce equal text. */
export function toJsonColumn(value: unknown): JsonText {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

export function fromJsonColumn<T = unknown>(text: JsonText): T {
  return JSON.parse(text) as T;
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return sortKeys(withJson.toJSON());
  if (Array.isArray(value)) return value.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') out[key] = sortKeys(v);
  }
  return out;
}

import { createHash } from 'node:crypto';
import { toJsonColumn } from '../db/json-column.ts';

export interface HashedItem {
  /** Canonical JSON (sorted keys): what is stored. */
  json: string;
  /** base64url SHA-256 of `json`: equal for equal data whatever the key order. */
  hash: string;
}

export function hashItem(data: unknown): HashedItem {
  const json = toJsonColumn(data);
  return { json, hash: createHash('sha256').update(json).digest('base64url') };
}

import type { QueryValue } from '../api.ts';
import type { ErrorSite } from '../errors.ts';
import type { HeaderBag } from '../rate-headers.ts';

// One pagination style = how to ask for a page and how to read one. The state between pages is
// a small JSON-able record (`{startAt: 100}`, `{cursor: "…"}`): it is also the resume token a
// checkpoint stores, so a walk resumed from it asks for exactly the page that came next.

export type PageState = Record<string, string | number>;

export interface PageRequest {
  query?: Record<string, QueryValue>;
  /** Replaces the caller's body (styles that page through the POST body). */
  body?: unknown;
}

export interface PageContext {
  /** Page size asked for (the endpoint's maximum unless the caller chose one). */
  pageSize: number | undefined;
  headers: HeaderBag;
  /** For typed errors raised while reading a page (GraphQL errors inside a 200). */
  site: ErrorSite;
}

export interface ParsedPage {
  items: unknown[];
  /** State of the following page; null when this was the last. */
  next: PageState | null;
  /** Errors the API sent beside the data (GraphQL field errors): the page is incomplete. */
  errors?: string[];
}

export interface PaginationStyle {
  /** `state` null: the first page. `body`: the caller's own body, for POST styles. */
  request(state: PageState | null, pageSize: number | undefined, body: unknown): PageRequest;
  parse(body: unknown, state: PageState | null, ctx: PageContext): ParsedPage;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A numeric state field, 0 when absent (the first page). */
export function num(state: PageState | null, key: string): number {
  const v = state?.[key];
  return typeof v === 'number' ? v : 0;
}

/** A string state field, undefined when absent. */
export function str(state: PageState | null, key: string): string | undefined {
  const v = state?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A query parameter of an absolute or relative link (`/wiki/api/v2/spaces?cursor=…`). */
export function linkParam(link: unknown, name: string): string | undefined {
  if (typeof link !== 'string' || link === '') return undefined;
  try {
    return new URL(link, 'http://relative.invalid').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Whether a `links.next` value is a URL (to parse) rather than a bare cursor (to send back). */
export function looksLikeUrl(value: string): boolean {
  return value.startsWith('/') || /^https?:\/\//i.test(value) || value.includes('?');
}

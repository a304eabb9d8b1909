import type { ApiOperations } from './schema.ts';

// The one way the UI talks to the server: typed by the generated ApiOperations (from the routes'
// zod schemas), same origin, so the browser sends the HttpOnly session cookie itself. Every change
// carries the CSRF token the session routes answer (X-CSRF-Token); a 401 on anything but the
// sign-in itself sends the person to the sign-in page, back to where they were afterwards.

export type OperationKey = keyof ApiOperations;
type Op<K extends OperationKey> = ApiOperations[K];
export type ApiResponse<K extends OperationKey> = Op<K>['response'];
export type ApiBody<K extends OperationKey> = Op<K>['body'];
export type ApiQuery<K extends OperationKey> = Exclude<Op<K>['query'], undefined>;

type Part<Name extends string, T> = [T] extends [undefined]
  ? { [P in Name]?: undefined }
  : Record<string, never> extends T
    ? { [P in Name]?: T }
    : { [P in Name]: T };

export type RequestInit_<K extends OperationKey> = Part<'params', Op<K>['params']> &
  Part<'query', Op<K>['query']> &
  Part<'body', Op<K>['body']> & { signal?: AbortSignal };

/** Optional when nothing of the request is required. */
type Args<K extends OperationKey> =
  Record<string, never> extends RequestInit_<K> ? [init?: RequestInit_<K>] : [init: RequestInit_<K>];

/** A refused request: the server's `{error:{code,message,requestId}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  constructor(status: number, code: string, message: string, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

let csrfToken = '';
/** Set by the session (useMe) after sign-in, setup or GET /api/v1/session. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let onUnauthorized: () => void = () => {
  const here = `${window.location.pathname}${window.location.search}`;
  if (window.location.pathname !== '/sign-in') {
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
  }
};
/** The router replaces the full reload with a navigation (see auth/session.tsx). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function urlOf(path: string, params: unknown, query: unknown): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (value === undefined) throw new Error(`${path} needs the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((query as Record<string, unknown> | undefined) ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const qs = search.toString();
  if (qs) url += `?${qs}`;
  return url;
}

/**
 * Calls one route: `api('GET /api/v1/findings', { query: { severity: 'critical' } })`.
 * Resolves to the typed success body (undefined for 204); rejects with ApiError.
 */
export async function api<K extends OperationKey>(key: K, ...[init]: Args<K>): Promise<ApiResponse<K>> {
  const [method, path] = (key as string).split(' ') as [string, string];
  const options = (init ?? {}) as { params?: unknown; query?: unknown; body?: unknown; signal?: AbortSignal };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(urlOf(path, options.params, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  if (response.status === 401 && key !== 'POST /api/v1/session' && key !== 'POST /api/v1/setup') {
    onUnauthorized();
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string; requestId?: string } }
      | undefined;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `${method} ${path} answered ${response.status}`,
      body?.error?.requestId,
    );
  }
  if (response.status === 204) return undefined as ApiResponse<K>;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as ApiResponse<K>;
}

import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from '../../src/server/route-table.ts';

// Requests over a real socket, for tests that walk the whole route table: a route that streams
// (Server-Sent Events) would hang `inject()`, so every probe reads the status and headers first and
// reads the body only when it is not a stream, all within a deadline.

export interface ProbeAnswer {
  status: number;
  contentType: string;
  /** Undefined for a streaming answer (its body is not read) or when the deadline passed. */
  body: string | undefined;
  /** No status within the deadline (a stream that sends its headers with its first event). */
  timedOut: boolean;
}

export interface ProbeRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON (not for GET and HEAD). */
  json?: unknown;
}

export const MADE_UP_ID = '00000000-0000-4000-8000-000000000000';

export async function listen(app: FastifyInstance): Promise<string> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return address;
}

/** The route's URL with every path parameter (`:name`, `*`) filled with the value given. */
export function fillPath(url: string, value: (name: string) => string = () => MADE_UP_ID): string {
  return url
    .split('/')
    .map((segment) => {
      if (segment === '*') return encodeURIComponent(value('*'));
      // `:id`, `:id.csv`-style suffixes and `:id(regex)` keep what follows the name.
      return segment.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_m, name: string) =>
        encodeURIComponent(value(name)),
      );
    })
    .join('/');
}

export function probe(base: string, request: ProbeRequest, deadlineMs = 5_000): Promise<ProbeAnswer> {
  const hasBody = request.json !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  const payload = hasBody ? Buffer.from(JSON.stringify(request.json)) : undefined;
  return new Promise((resolvePromise, reject) => {
    // node:http without an agent: one socket per probe, destroyed when the probe is done, so a
    // stream or a route that never answers leaves no connection that would hold up app.close().
    const req = httpRequest(`${base}${request.path}`, {
      method: request.method,
      agent: false,
      headers: {
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        ...request.headers,
      },
    });
    const done = (answer: ProbeAnswer) => {
      clearTimeout(timer);
      req.destroy();
      resolvePromise(answer);
    };
    const timer = setTimeout(
      () => done({ status: 0, contentType: '', body: undefined, timedOut: true }),
      deadlineMs,
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      if (contentType.includes('text/event-stream')) {
        done({ status, contentType, body: undefined, timedOut: false });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status, contentType, body: Buffer.concat(chunks).toString('utf8'), timedOut: false }),
      );
      res.on('error', () => done({ status, contentType, body: undefined, timedOut: false }));
    });
    req.end(payload);
  });
}

/** The routes Palisade declares (the docs' third-party asset routes aside: they only serve files). */
export function palisadeRoutes(table: readonly RouteEntry[]): RouteEntry[] {
  return table.filter((r) => !r.url.startsWith('/api/docs'));
}

/** The keys of a zod object schema (for bodies and queries shaped like the route's). */
export function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

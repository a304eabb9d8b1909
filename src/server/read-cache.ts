import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ChangeSignal } from './change-signal.ts';

// The answers of the read routes every page opens (the Overview, the findings list, the apps
// list: `config.readCache`), kept per caller and URL until the data under them may have changed.
// On the xl tenant each is a few grouped queries over tens of thousands of findings; a team's
// dashboards and integrations ask the same questions again and again, and under load those
// queries queued behind each other (bench:api: seconds at 50 concurrent requests). What changes
// the answers moves the server's change signal (change-signal.ts: any change through the API, in
// any process; a finished scan; a connection's status or deletion), and nothing kept under an
// older generation is answered again. Scans also change them when no event says so (a `palisade
// scan` of the same database, a test's own scan): `version` reads what every scan's evaluation
// leaves (one small indexed query, shared by the requests that arrive while it runs), and an
// answer kept under another is not answered again. `READ_CACHE_MAX_AGE_MS` bounds what neither shows (a CLI
// classifying an app in the same database, the clock making a last sync "excessive"). Concurrent
// requests for the same answer share one computation, so a burst costs one set of queries.

export const READ_CACHE_MAX_AGE_MS = 5_000;
/** At most this many answers are kept (the oldest go first). */
const MAX_ENTRIES = 1_000;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Entry {
  generation: number;
  version: string;
  at: number;
  /** The answer once computed (encoded once: a large list is not made bytes again per caller). */
  body?: Buffer | undefined;
  /** The answer gzipped, made once for the first caller that accepts it. */
  gzipped?: Buffer | undefined;
  /** Until then, the computation others wait for. */
  waiting?: Promise<Buffer | undefined> | undefined;
  settle?: ((body: Buffer | undefined) => void) | undefined;
}

export interface ReadCacheOptions {
  signal: ChangeSignal;
  /** What the data's last change left, cheaply read (the latest evaluations); part of every answer's validity. */
  version?: (() => Promise<string>) | undefined;
  /** The server's clock in milliseconds (tests move it). */
  clock: () => number;
}

const PENDING = new WeakMap<FastifyRequest, { key: string; entry: Entry }>();

export function registerReadCache(app: FastifyInstance, options: ReadCacheOptions): void {
  const { clock } = options;
  const entries = new Map<string, Entry>();
  const { signal } = options;
  const stop = signal.onChange(() => entries.clear());
  app.addHook('onClose', async () => stop());
  let reading: Promise<string> | undefined;
  const readVersion = () => {
    if (!options.version) return Promise.resolve('');
    reading ??= options.version().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  // A change made here: every process's kept answers are stale. Announced before the answer
  // leaves (the change is committed by then), so the caller's next read never gets an older one.
  // A refused request changed nothing: a burst of wrong passwords flushes no cache and sends no
  // NOTIFY.
  app.addHook('onSend', async (request, reply, payload) => {
    if (READS.has(request.method) || request.routeOptions.config?.access === undefined) return payload;
    if (reply.statusCode >= 400) return payload;
    signal.changed();
    return payload;
  });

  // After the access check (onRequest): a kept answer goes only to a caller allowed to ask.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.config?.readCache !== true) return;
    const key = keyOf(request);
    if (key === undefined) return;
    const now = clock();
    const seen = signal.generation();
    const version = await readVersion();
    const kept = entries.get(key);
    if (
      kept &&
      kept.generation === seen &&
      kept.version === version &&
      Math.abs(now - kept.at) < READ_CACHE_MAX_AGE_MS
    ) {
      const body = kept.body ?? (await kept.waiting);
      if (body !== undefined) {
        reply.type('application/json; charset=utf-8');
        return reply.send(encoded(request, reply, kept, body));
      }
    }
    const entry: Entry = { generation: seen, version, at: now };
    entry.waiting = new Promise((resolve) => {
      entry.settle = resolve;
    });
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.delete(key);
    entries.set(key, entry);
    PENDING.set(request, { key, entry });
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = PENDING.get(request);
    if (!pending) return payload;
    PENDING.delete(request);
    const { key, entry } = pending;
    const body = reply.statusCode === 200 && typeof payload === 'string' ? Buffer.from(payload) : undefined;
    // An answer computed across a change is handed to those already waiting (they asked before
    // it), but not kept.
    if (body !== undefined && entry.generation === signal.generation()) entry.body = body;
    else if (entries.get(key) === entry) entries.delete(key);
    entry.settle?.(body);
    entry.waiting = undefined;
    return body === undefined ? payload : encoded(request, reply, entry, body);
  });

  // A request that ended without an answer (the client went away, an error before onSend).
  app.addHook('onResponse', async (request) => {
    const pending = PENDING.get(request);
    if (!pending) return;
    PENDING.delete(request);
    if (entries.get(pending.key) === pending.entry) entries.delete(pending.key);
    pending.entry.settle?.(undefined);
  });
}

/** Below this an answer goes as it is: gzip would save less than its own header costs. */
const GZIP_FROM_BYTES = 1_024;

/**
 * The answer as the caller accepts it: gzipped once per kept answer for clients that ask
 * (browsers always do), so a large list costs a tenth of the bytes without compressing it again
 * for every request (a 100 KB apps page gzips to about a tenth).
 */
function encoded(request: FastifyRequest, reply: FastifyReply, entry: Entry, body: Buffer): Buffer {
  reply.header('vary', 'accept-encoding');
  const accepts = /\bgzip\b/i.test(String(request.headers['accept-encoding'] ?? ''));
  if (!accepts || body.length < GZIP_FROM_BYTES) return body;
  entry.gzipped ??= gzipSync(body);
  reply.header('content-encoding', 'gzip');
  return entry.gzipped;
}

/** Who asks (their answers may differ by role and rights) and what. */
function keyOf(request: FastifyRequest): string | undefined {
  const p = request.principal;
  if (!p) return undefined;
  return `${p.user.id}\u0000${p.role}\u0000${[...p.rights].sort().join(',')}\u0000${request.url}`;
}

/** Every scan's evaluation adds a row: their number and the latest time name the data's state. */
export async function evaluationsVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('finding_evaluations')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('evaluated_at').as('at')])
    .executeTakeFirst();
  return `${String(row?.n ?? 0)}@${String(row?.at ?? '')}`;
}

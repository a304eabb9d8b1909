import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createEventBus, type EventBus, type PalisadeEvent } from './events.ts';

// The event bus of a fleet on PostgreSQL: what one process publishes (a worker's scan progress)
// reaches the browsers connected to every other process (`GET /api/v1/events` on a `--no-worker`
// server) through LISTEN/NOTIFY on one channel of the database. A process's own events are
// delivered to its listeners at once, as on the in-memory bus, and skipped when their NOTIFY comes
// back. Events are hints for open pages, never the record (the `scans` table is): one published
// while the database is away is dropped, and the listening connection is opened again after a
// restart with a growing pause; pages re-read the API on `scan.finished` anyway.

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; ours stay well under. */
export const MAX_PAYLOAD_BYTES = 7_900;

export const DEFAULT_EVENT_CHANNEL = 'palisade_events';

export interface PgEventBusOptions {
  /** The channel; one per deployment sharing a database (tests use one per test). */
  channel?: string | undefined;
  /** First pause before listening again after the connection dropped (doubled up to 10 s). */
  reconnectMs?: number | undefined;
  /** How often the listening connection is checked with a query (a silently dead socket). */
  checkEveryMs?: number | undefined;
  logger?: { warn(details: Record<string, unknown>, message: string): void } | undefined;
}

export interface PgEventBus extends EventBus {
  /** Resolves once this process listens (the first time). */
  ready(): Promise<void>;
  /** Stops listening and ends the pool. */
  close(): Promise<void>;
}

interface Wire {
  /** The publishing process, so that it skips its own events. */
  o: string;
  e: PalisadeEvent;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function createPgEventBus(pool: pg.Pool, options: PgEventBusOptions = {}): PgEventBus {
  const channel = options.channel ?? DEFAULT_EVENT_CHANNEL;
  if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid event channel name: ${channel}`);
  const origin = randomUUID();
  const local = createEventBus();
  const firstPauseMs = options.reconnectMs ?? 500;
  let pauseMs = firstPauseMs;
  let closed = false;
  let client: pg.PoolClient | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let publishing: Promise<void> = Promise.resolve();
  let dropping = false;
  let listening!: () => void;
  const firstListen = new Promise<void>((resolve) => {
    listening = resolve;
  });
  // An idle pooled connection that dies (a restart) is reported here; unhandled, it ends the process.
  pool.on('error', () => undefined);

  function receive(message: pg.Notification): void {
    if (message.channel !== channel || !message.payload) return;
    let wire: Wire;
    try {
      wire = JSON.parse(message.payload) as Wire;
    } catch {
      return;
    }
    if (wire.o === origin || typeof wire.e?.type !== 'string') return;
    local.publish(wire.e);
  }

  function lost(which: pg.PoolClient, error: unknown): void {
    if (client !== which) return;
    client = undefined;
    which.off('notification', receive);
    which.release(error instanceof Error ? error : new Error(String(error)));
    if (!closed) {
      options.logger?.warn({ error: String(error) }, 'event listener lost its connection; listening again');
      scheduleListen();
    }
  }

  function scheduleListen(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void listen();
    }, pauseMs);
    retryTimer.unref();
    pauseMs = Math.min(pauseMs * 2, 10_000);
  }

  async function listen(): Promise<void> {
    if (closed || client) return;
    let next: pg.PoolClient | undefined;
    try {
      next = await pool.connect();
      const which = next;
      which.on('error', (error) => lost(which, error));
      which.on('end', () => lost(which, new Error('connection ended')));
      which.on('notification', receive);
      client = which;
      await which.query(`listen ${channel}`);
      if (closed) return;
      pauseMs = firstPauseMs;
      listening();
    } catch (error) {
      if (next && client === next) lost(next, error);
      else if (next) next.release(true);
      else scheduleListen();
    }
  }

  function check(): void {
    const which = client;
    if (!which) return;
    which.query('select 1').catch((error: unknown) => lost(which, error));
  }

  function wireOf(event: PalisadeEvent): string {
    const text = JSON.stringify({ o: origin, e: event } satisfies Wire);
    if (Buffer.byteLength(text) < MAX_PAYLOAD_BYTES) return text;
    // Never expected (events carry ids, statuses, counts); the fields go, the event stays.
    const trimmed: PalisadeEvent = { ...event, data: { truncated: true } };
    return JSON.stringify({ o: origin, e: trimmed } satisfies Wire);
  }

  void listen();
  checkTimer = setInterval(check, options.checkEveryMs ?? 10_000);
  checkTimer.unref();

  return {
    publish(event) {
      local.publish(event);
      if (closed) return;
      const payload = wireOf(event);
      // One after another: NOTIFYs of one process arrive in the order they were sent.
      publishing = publishing.then(() =>
        pool.query('select pg_notify($1, $2)', [channel, payload]).then(
          () => {
            dropping = false;
          },
          (error: unknown) => {
            if (!dropping) {
              options.logger?.warn(
                { error: String(error) },
                'events cannot reach other processes while the database is away',
              );
            }
            dropping = true;
          },
        ),
      );
    },
    subscribe: (listener) => local.subscribe(listener),
    ready: () => firstListen,
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(checkTimer);
      await publishing;
      const which = client;
      client = undefined;
      if (which) {
        which.off('notification', receive);
        await which.query(`unlisten ${channel}`).catch(() => undefined);
        which.release();
      }
      await pool.end();
    },
  };
}

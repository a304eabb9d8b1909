import { EventEmitter } from 'node:events';

// What the server streams to browsers (`GET /api/v1/events`, Server-Sent Events): a connection's
// status changed, a scan made progress or finished. In one process an in-memory bus carries them;
// several processes share them through the database (the job-queue issue).

export type PalisadeEventType =
  | 'connection.status'
  | 'scan.progress'
  | 'scan.finished'
  | 'connection.deleted'
  /** A change made through the API: answers kept by any server process are stale (src/server/read-cache.ts). */
  | 'data.changed';

export interface PalisadeEvent {
  type: PalisadeEventType;
  connectionId: string;
  /** The scan the event is about, when it is about one. */
  scanId?: string | undefined;
  /** The event's fields (a status, a progress), JSON-serialisable, never a secret. */
  data: Record<string, unknown>;
  at: string;
}

export interface EventBus {
  publish(event: PalisadeEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: PalisadeEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  // Every open browser tab is a listener; the default warning at 10 would be noise.
  emitter.setMaxListeners(0);
  return {
    publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}

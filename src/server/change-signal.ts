import type { EventBus, PalisadeEventType } from '../jobs/events.ts';

// "Something may have changed": a generation number that what a server keeps between requests
// (read-cache.ts: kept answers; auth/authenticate.ts: resolved API tokens) is valid under. It moves
// on every change made through the API — in this process at once (`changed()`), in the others
// through the event bus, which carries it as `data.changed` — and on the scan events that change
// what the pages show. One per server (its deps), like the apps catalogue.

/** The events after which what is kept may be wrong (scan progress changes none of it). */
const CHANGES: ReadonlySet<PalisadeEventType> = new Set([
  'data.changed',
  'scan.finished',
  'connection.status',
  'connection.deleted',
]);

export interface ChangeSignal {
  /** The current generation. */
  generation(): number;
  /** A change was just committed here: move on, and tell the other processes. */
  changed(): void;
  /** Called at every move. Returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

export function createChangeSignal(deps: { events: EventBus; now: () => Date }): ChangeSignal {
  let generation = 0;
  const listeners = new Set<() => void>();
  const move = () => {
    generation++;
    for (const listener of listeners) listener();
  };
  deps.events.subscribe((event) => {
    if (CHANGES.has(event.type)) move();
  });
  return {
    generation: () => generation,
    changed() {
      move();
      deps.events.publish({ type: 'data.changed', connectionId: '', data: {}, at: deps.now().toISOString() });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const SIGNALS = new WeakMap<object, ChangeSignal>();

export function changeSignalOf(deps: { events: EventBus; now: () => Date }): ChangeSignal {
  let signal = SIGNALS.get(deps);
  if (!signal) {
    signal = createChangeSignal(deps);
    SIGNALS.set(deps, signal);
  }
  return signal;
}

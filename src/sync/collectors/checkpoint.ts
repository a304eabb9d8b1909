import { CollectorError } from './errors.ts';

// Checkpoints of collectors that walk a list of parents (projects, groups, accounts) and call
// the API for each: the position of the next parent and, inside it, the client's resume token, so
// a resumed sync skips the parents already stored. JSON with a version tag, opaque to the run.

export interface ParentPosition {
  /** Index of the parent to continue with, in the collector's (deterministic) parent order. */
  parent: number;
  /** The client's resume token inside that parent's own list, if it was part-way through. */
  next: string | null;
  /** Collector-specific state to carry across a resume (an audit cursor, a fixed time window). */
  state?: Record<string, string>;
}

export function encodePosition(position: ParentPosition): string {
  return JSON.stringify({
    v: 1,
    p: position.parent,
    n: position.next,
    ...(position.state ? { s: position.state } : {}),
  });
}

export function decodePosition(dataset: string, checkpoint: string | null): ParentPosition {
  if (checkpoint === null) return { parent: 0, next: null };
  try {
    const raw = JSON.parse(checkpoint) as { v?: unknown; p?: unknown; n?: unknown; s?: unknown };
    if (
      raw.v === 1 &&
      typeof raw.p === 'number' &&
      Number.isInteger(raw.p) &&
      raw.p >= 0 &&
      (raw.n === null || typeof raw.n === 'string')
    ) {
      const state =
        raw.s && typeof raw.s === 'object'
          ? Object.fromEntries(
              Object.entries(raw.s as Record<string, unknown>).filter(
                (e): e is [string, string] => typeof e[1] === 'string',
              ),
            )
          : undefined;
      return { parent: raw.p, next: raw.n, ...(state ? { state } : {}) };
    }
  } catch {
    // fall through
  }
  throw new CollectorError('bad_checkpoint', dataset, 'the checkpoint was not written by this collector');
}

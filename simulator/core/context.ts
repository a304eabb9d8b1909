import { Counters } from '../http/counters.ts';
import { FaultEngine } from '../http/faults.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import type { SimState } from './state.ts';

/** Base URLs of every listener, known once they are bound. */
export interface SimUrls {
  sites: Map<string, string>; // site id → base URL
  api: string;
  marketplace: string;
  auth: string;
  control: string;
}

/** Everything a simulated endpoint may touch, passed in rather than held in module state. */
export interface SimContext {
  state: SimState;
  faults: FaultEngine;
  counters: Counters;
  limiter: RateLimiter;
  urls: SimUrls;
  /** The clock, injectable so tests can move time (token expiry). */
  now(): number;
  /** Requests held open by the hang fault; ended when the simulator stops. */
  hung: Set<{ destroy(): void }>;
  /** Ids of the catalogue endpoints registered on some listener (a test checks none is missing). */
  served: Set<string>;
}

export function createContext(state: SimState): SimContext {
  return {
    state,
    faults: new FaultEngine(),
    counters: new Counters(),
    limiter: new RateLimiter(),
    urls: { sites: new Map(), api: '', marketplace: '', auth: '', control: '' },
    now: () => Date.now(),
    hung: new Set(),
    served: new Set(),
  };
}

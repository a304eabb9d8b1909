import { Counters } from '../http/counters.ts';
import { FaultEngine } from '../http/faults.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import type { SimState } from './state.ts';

/** Base URLs of every listener, known once they are bound. */
export interface SimUrls {
  sites: Map<string, string>; // site id → base URL
  dataCenter: Map<string, string>; // Data Center site id → base URL
  api: string;
  marketplace: string;
  auth: string;
  /** `https://api.bitbucket.org`: Bitbucket Cloud's REST API. */
  bitbucket: string;
  control: string;
}

/** Everything a simulated endpoint may touch, passed in rather than held in module state. */
export interface SimContext {
  state: SimState;
  faults: FaultEngine;
  counters: Counters;
  limiter: RateLimiter;
  urls: SimUrls;
  /**
   * The clock: by default it starts at the tenant's `builtAt` and runs at wall-clock speed, so a
   * tenant built at a fixed date is served at that date (token expiry, "days ago" answers) however
   * late the test runs. Injectable so tests can move time.
   */
  now(): number;
  /** Requests held open by the hang fault; ended when the simulator stops. */
  hung: Set<{ destroy(): void }>;
  /** Ids of the catalogue endpoints registered on some listener (a test checks none is missing). */
  served: Set<string>;
}

export function createContext(state: SimState): SimContext {
  const offset = Date.parse(state.tenant.builtAt) - Date.now();
  return {
    state,
    faults: new FaultEngine(),
    counters: new Counters(),
    limiter: new RateLimiter(),
    urls: {
      sites: new Map(),
      dataCenter: new Map(),
      api: '',
      marketplace: '',
      auth: '',
      bitbucket: '',
      control: '',
    },
    now: () => Date.now() + offset,
    hung: new Set(),
    served: new Set(),
  };
}

import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { buildTenant, type TenantSource } from '../../simulator/tenant/build.ts';
import type { Tenant } from '../../simulator/tenant/model.ts';
import { type SimConnection, simConnection } from '../../simulator/testing/sim-connection.ts';

// A simulated organization for the integration tests: the simulator serving a tenant, the
// connection Palisade syncs it through, and the control API (faults, counters, reset, mutations).
// `expected` is a second build of the same tenant: the simulator mutates the tenant it serves
// (control mutations, token last-access times), so expectations are computed from an untouched copy.

export interface SimulatedOrg {
  sim: RunningSimulator;
  /** The tenant as built, never touched by the simulator. */
  expected: Tenant;
  /** The tenant the simulator serves now (after mutations). */
  live(): Tenant;
  sync: SimConnection;
  control: ControlApi;
  stop(): Promise<void>;
}

export interface Counters {
  totalCalls: number;
  calls: Record<string, number>;
  served429: number;
  served5xx: number;
  malformed: number;
}

export interface ControlApi {
  /** Replaces the fault configuration (`PUT /faults`). */
  faults(config: unknown): Promise<void>;
  /** Restores the starting tenant and clears faults and counters (`POST /reset`). */
  reset(): Promise<void>;
  counters(): Promise<Counters>;
  resetCounters(): Promise<void>;
  /** Any other control call; fails the test on a non-2xx answer. */
  send<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function startSimulatedOrg(source: TenantSource, now = new Date()): Promise<SimulatedOrg> {
  const build = () => buildTenant(source, now);
  const sim = await startSimulator({ tenant: build(), rebuild: build });
  const control = controlApi(sim.info.controlUrl);
  return {
    sim,
    expected: build(),
    live: () => sim.context.state.tenant,
    sync: simConnection(sim.info),
    control,
    stop: () => sim.stop(),
  };
}

export function controlApi(controlUrl: string): ControlApi {
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${controlUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    send,
    faults: async (config) => {
      await send('PUT', '/faults', config);
    },
    reset: async () => {
      await send('POST', '/reset');
    },
    counters: () => send<Counters>('GET', '/counters'),
    resetCounters: async () => {
      await send('POST', '/counters/reset');
    },
  };
}

import { after, before, beforeEach } from 'node:test';
import type { FaultConfig } from '../http/faults.ts';
import { type RunningSimulator, startSimulator } from '../start.ts';
import type { Tenant } from '../tenant/model.ts';
import { TINY, tinyTenant } from './tiny-tenant.ts';

// Starts a simulator for one test file and offers authenticated fetch helpers. Most test files
// want `useHarness()`: it starts the simulator in `before` and stops it in `after`.

export interface Harness {
  sim: RunningSimulator;
  siteA: string;
  siteB: string;
  api: string;
  marketplace: string;
  auth: string;
  /** Bitbucket Cloud's API host (`https://api.bitbucket.org`). */
  bitbucket: string;
  control: string;
  /** The served org on the admin API: `{api}/admin/v1/orgs/{orgId}` and `.../admin/v2/orgs/{orgId}`. */
  orgV1: string;
  orgV2: string;
  /** Basic auth header for an e-mail and API token. */
  basic(email: string, token: string): string;
  adminBasic: string;
  memberBasic: string;
  orgKey: string;
  get(url: string, authorization?: string, headers?: Record<string, string>): Promise<Response>;
  json<T = unknown>(url: string, authorization?: string): Promise<T>;
  send(
    method: string,
    url: string,
    body: unknown,
    authorization?: string,
    contentType?: string,
  ): Promise<Response>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** The tenant to serve; the tiny tenant by default. */
  tenant?: Tenant;
  faults?: FaultConfig;
  /** The simulator's clock. */
  now?: () => number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator({
    tenant: options.tenant ?? tinyTenant(),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.now ? { now: options.now } : {}),
    rebuild: () => options.tenant ?? tinyTenant(),
  });
  const basic = (email: string, token: string) =>
    `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  const siteUrl = (id: string) => sim.info.sites.find((s) => s.cloudId === id)?.url ?? '';
  const get = (url: string, authorization?: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      headers: { accept: 'application/json', ...headers, ...(authorization ? { authorization } : {}) },
    });
  return {
    sim,
    siteA: siteUrl(TINY.siteA),
    siteB: siteUrl(TINY.siteB),
    api: sim.info.adminApiUrl,
    marketplace: sim.info.marketplaceUrl,
    auth: sim.info.authUrl,
    bitbucket: sim.info.bitbucketUrl,
    control: sim.info.controlUrl,
    orgV1: `${sim.info.adminApiUrl}/admin/v1/orgs/${sim.info.org.id}`,
    orgV2: `${sim.info.adminApiUrl}/admin/v2/orgs/${sim.info.org.id}`,
    basic,
    adminBasic: basic('ada@acme.example', TINY.adminToken),
    memberBasic: basic('mo@acme.example', TINY.memberToken),
    orgKey: `Bearer ${TINY.orgKey}`,
    get,
    async json<T>(url: string, authorization?: string) {
      const res = await get(url, authorization);
      if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    send(method, url, body, authorization, contentType = 'application/json') {
      return fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': contentType }),
          ...(authorization ? { authorization } : {}),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    },
    stop: () => sim.stop(),
  };
}

export interface UseHarnessOptions extends Omit<HarnessOptions, 'tenant'> {
  /** The tenant, or how to make it (called in `before`, so it may be slow or async). */
  tenant?: Tenant | (() => Tenant | Promise<Tenant>);
  /** Put the simulator back to its starting state (control `POST /reset`) before each test. */
  resetBeforeEach?: boolean;
  /**
   * Runs once the simulator is up, in the same `before` hook: node:test runs a file's top-level
   * `before` hooks concurrently, so another hook cannot count on the simulator having started.
   */
  setup?: (h: Harness) => void | Promise<void>;
}

/**
 * A simulator for the enclosing test file or `describe`: started in `before`, stopped in `after`
 * (node:test hooks, registered where this is called). The harness it returns can be held in a
 * `const` at once and read from tests and later hooks; reading it before it started throws.
 */
export function useHarness(options: UseHarnessOptions = {}): Harness {
  const { tenant, resetBeforeEach, setup, ...rest } = options;
  let current: Harness | undefined;
  const started = (what = 'it'): Harness => {
    if (!current)
      throw new Error(`useHarness(): the simulator starts in before(); read ${what} in a test or a hook`);
    return current;
  };
  before(async () => {
    const served = typeof tenant === 'function' ? await tenant() : tenant;
    current = await startHarness({ ...rest, ...(served ? { tenant: served } : {}) });
    await setup?.(current);
  });
  after(() => current?.stop());
  if (resetBeforeEach) {
    beforeEach(async () => {
      const res = await started().send('POST', `${started().control}/reset`, {});
      if (!res.ok) throw new Error(`the simulator did not reset: ${res.status} ${await res.text()}`);
    });
  }
  return new Proxy({} as Harness, { get: (_, key) => Reflect.get(started(String(key)), key) });
}

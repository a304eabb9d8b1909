import type { FaultConfig } from '../http/faults.ts';
import { type RunningSimulator, startSimulator } from '../start.ts';
import type { Tenant } from '../tenant/model.ts';
import { TINY, tinyTenant } from './tiny-tenant.ts';

// Starts a simulator for one test file and offers authenticated fetch helpers.

export interface Harness {
  sim: RunningSimulator;
  siteA: string;
  siteB: string;
  api: string;
  marketplace: string;
  auth: string;
  control: string;
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

export async function startHarness(
  options: { tenant?: Tenant; faults?: FaultConfig; now?: () => number } = {},
): Promise<Harness> {
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
    control: sim.info.controlUrl,
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

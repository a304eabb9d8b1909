import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Tenant } from '../../simulator/tenant/model.ts';
import { DISPOSABLE_TOKEN_ID } from './requests.ts';

// The tenants the contract tests run on: the hand-written tiny tenant, and the seeded `small`
// generated tenant once its builder exists (it is written alongside these tests, so it is
// imported dynamically and its absence is a skip, not a failure).

const TENANT_DIR = resolve(import.meta.dirname, '../../simulator/tenant');

export interface TenantSource {
  /** For test names and skip messages. */
  name: string;
  build(): Promise<Tenant>;
}

interface BuildModule {
  buildTenant(options: { size: 'small'; seed: number }, now: Date): Tenant;
}
interface GenerateModule {
  generateTenant(options: { size: 'small'; seed: number; now: Date }): Tenant;
}

/**
 * The small generated tenant (seed 1): `simulator/tenant/build.ts` `buildTenant`, or, until that
 * exists, `generate.ts` `generateTenant`. Undefined (with the reason) when neither is there yet.
 */
export function generatedTenantSource(): TenantSource | { missing: string } {
  const build = resolve(TENANT_DIR, 'build.ts');
  if (existsSync(build)) {
    return {
      name: 'small generated tenant (build.ts, seed 1)',
      async build() {
        const mod = (await import(pathToFileURL(build).href)) as BuildModule;
        return mod.buildTenant({ size: 'small', seed: 1 }, new Date());
      },
    };
  }
  const generate = resolve(TENANT_DIR, 'generate.ts');
  if (existsSync(generate)) {
    return {
      name: 'small generated tenant (generate.ts, seed 1)',
      async build() {
        const mod = (await import(pathToFileURL(generate).href)) as GenerateModule;
        return mod.generateTenant({ size: 'small', seed: 1, now: new Date() });
      },
    };
  }
  return { missing: 'simulator/tenant/build.ts does not exist yet (its author is still writing it)' };
}

/** Adds what the contract requests need and no tenant has: an API token that may be deleted. */
export function prepareTenant(tenant: Tenant): Tenant {
  const now = Date.now();
  tenant.apiTokens.push({
    id: DISPOSABLE_TOKEN_ID,
    accountId: tenant.credentials.adminAccountId,
    label: 'contract test (deleted by the test)',
    secret: 'ATATT3xContractDisposableToken000000000000009',
    createdAt: new Date(now - 10 * 86_400_000).toISOString(),
    lastAccess: null,
    expiry: null,
    revoked: false,
  });
  return tenant;
}

import { buildTenant } from '../../simulator/tenant/build.ts';
import type { SharePermission, Tenant } from '../../simulator/tenant/model.ts';
import { dataCenterTenant } from '../../simulator/testing/dc-tenant.ts';
import { type Harness, useHarness } from '../../simulator/testing/harness.ts';
import { addListedForgeApp } from '../../simulator/testing/listed-forge-app.ts';
import { type Fixture, fixtureOf } from './fixture.ts';
import { DISPOSABLE_TOKEN_ID } from './requests.ts';

// The tenants the contract tests run on: the hand-written tiny tenant (simulator/testing), and the
// seeded `small` generated tenant for realistic data; both prepared by `prepareTenant`.

/** The small generated tenant (simulator/tenant/build.ts, seed 1). */
export const GENERATED_TENANT = {
  name: 'small generated tenant (seed 1)',
  build: async (): Promise<Tenant> => {
    const now = new Date();
    const tenant = buildTenant({ size: 'small', seed: 1 }, now);
    // Generated tenants carry no Data Center sites; the demo's misconfigured pair joins this one.
    tenant.dataCenterSites = dataCenterTenant('misconfigured', now).dataCenterSites ?? [];
    return tenant;
  },
};

export interface ContractSimulator {
  readonly h: Harness;
  /** Real ids from the tenant served (readable once the simulator has started). */
  readonly f: Fixture;
}

/** A simulator on the prepared tenant for the enclosing `describe`, and that tenant's fixture. */
export function useContractSimulator(makeTenant: () => Promise<Tenant>): ContractSimulator {
  let f: Fixture | undefined;
  const h = useHarness({
    tenant: async () => prepareTenant(await makeTenant()),
    setup: (h) => {
      f = fixtureOf(h.sim.context.state.tenant);
    },
  });
  return {
    h,
    get f() {
      if (!f) throw new Error('useContractSimulator(): the fixture is read before the simulator started');
      return f;
    },
  };
}

/**
 * Adds what the contract requests need and not every tenant has: an API token that may be
 * deleted, a listed Forge app, and a filter shared in every way Jira allows.
 */
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
  if (!fixtureOf(tenant).forgeAddonKey) addListedForgeApp(tenant);
  addFilterSharedEveryWay(tenant);
  return tenant;
}

/**
 * A filter with a share of every kind, so each rendering of `SharePermission` is held against the
 * spec: `authenticated` reads back as `loggedin`, a role share as `project` with its `role`, and a
 * project the caller cannot see (here: one deleted since) as `project-unknown`.
 */
function addFilterSharedEveryWay(tenant: Tenant): void {
  const f = fixtureOf(tenant);
  const jira = f.site.jira;
  const shares = [...jira.filters, ...jira.dashboards].flatMap((x) => x.sharePermissions);
  let id = Math.max(0, ...shares.map((s) => s.id));
  const share = (s: Omit<SharePermission, 'id'>): SharePermission => ({ id: ++id, ...s });
  jira.filters.push({
    id: String(Math.max(10_000, ...jira.filters.map((x) => Number(x.id))) + 1),
    name: 'Shared every way (contract test)',
    description: '',
    jql: `project = ${f.project.key}`,
    ownerAccountId: tenant.credentials.adminAccountId,
    sharePermissions: [
      share({ type: 'global' }),
      share({ type: 'authenticated' }),
      share({ type: 'loggedin' }),
      share({ type: 'group', groupId: f.groupId }),
      share({ type: 'project', projectId: f.project.id }),
      share({ type: 'projectRole', projectId: f.project.id, roleId: Number(f.roleId) }),
      share({ type: 'user', accountId: tenant.credentials.memberAccountId }),
      share({ type: 'project', projectId: '987654321' }),
    ],
  });
}

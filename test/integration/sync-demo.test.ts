import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { describedCollectors, minimumCalls } from '../../src/sync/collectors/index.ts';
import { type ConnectionSyncResult, syncConnection } from '../../src/sync/sync-connection.ts';
import {
  countRows,
  duplicateOpenRows,
  type InventoryView,
  readInventory,
  records,
  rowsWrittenBy,
  snapshotStatuses,
  viewId,
} from './inventory-view.ts';
import { type SimulatedOrg, startSimulatedOrg } from './simulated-org.ts';
import {
  expectedConfluenceAnonymous,
  expectedDomains,
  expectedInstallations,
  expectedJiraAnonymous,
  expectedMarketplace,
  expectedOrgGroups,
  expectedOrgUsers,
  expectedPolicies,
  expectedProjects,
  expectedSchemes,
  expectedSpaces,
  expectedWorkspaces,
  publiclyShared,
} from './tenant-expectations.ts';

// The demo scenario synced end to end into each database: the stored inventory says what the
// tenant holds; a resync of an unchanged tenant reads less and writes nothing; a resync after
// three changes made through the control API writes exactly those changes.

type Rec = Record<string, unknown>;

const AUDIT_ENDPOINTS = ['admin.events.list', 'jira.auditRecords.list', 'confluence.auditRecords.list'];
const PROJECT_FIELDS = [
  'key',
  'name',
  'projectTypeKey',
  'simplified',
  'isPrivate',
  'archived',
  'leadAccountId',
  'permissionSchemeId',
];

function sync(org: SimulatedOrg, db: Kysely<Database>): Promise<ConnectionSyncResult> {
  return syncConnection({
    db,
    connection: org.sync.connection,
    allowHosts: org.sync.allowHosts,
    baseUrls: org.sync.baseUrls,
  });
}

function notOk(result: ConnectionSyncResult): string {
  return JSON.stringify(
    result.outcomes.filter((o) => o.status !== 'ok').map((o) => [o.dataset, o.scope, o.status, o.reason]),
  );
}

function pick(record: Rec | undefined, fields: readonly string[]): Rec | undefined {
  return record && Object.fromEntries(fields.map((f) => [f, record[f]]));
}

/** One dataset as `key → chosen fields`, to hold against an expectation of the same shape. */
function projected(view: InventoryView, dataset: string, scope: string, fields: readonly string[]) {
  return new Map(
    [...(view.get(viewId(dataset, scope)) ?? new Map<string, Rec>())].map(([k, r]) => [k, pick(r, fields)]),
  );
}

forEachDatabase(
  'the demo scenario syncs into an inventory that matches the tenant, and resyncs write only what changed',
  async (t, { db }) => {
    const org = await startSimulatedOrg({ scenario: 'demo' });
    try {
      const tenant = org.expected;
      const connectionId = org.sync.connection.id;
      const siteByName = (name: string) => {
        const site = tenant.sites.find((s) => s.name === name);
        assert.ok(site, name);
        return site;
      };

      let started = Date.now();
      const first = await sync(org, db);
      const firstMs = Date.now() - started;
      const firstServed = await org.control.counters();
      const view = await readInventory(db, connectionId);
      t.diagnostic(`first sync: ${first.api.calls} calls, ${firstMs} ms, ${first.itemsRead} items`);

      await t.test('the sync succeeds with every dataset ok (API tokens from the org-wide list)', () => {
        assert.equal(first.status, 'success', notOk(first));
        assert.equal(first.snapshotVersion, 1);
        assert.equal(first.datasetsDone, first.datasetsTotal);
        for (const o of first.outcomes) assert.equal(o.status, 'ok', `${o.dataset}@${o.scope}: ${o.reason}`);
        assert.equal(first.api.calls, firstServed.totalCalls, 'the client counts what the simulator served');
      });

      await t.test('org datasets hold the directory users, groups, domains, policies and workspaces', () => {
        const users = expectedOrgUsers(tenant);
        assert.deepEqual(new Map(records<Rec>(view, 'org.users', 'org').map((u) => [u.accountId, u])), users);
        assert.deepEqual(
          projected(view, 'org.groups', 'org', ['name', 'memberCount', 'managedBy']),
          expectedOrgGroups(tenant),
        );
        assert.deepEqual(
          projected(view, 'org.domains', 'org', ['name', 'verified']),
          expectedDomains(tenant),
        );
        assert.deepEqual(
          projected(view, 'org.policies', 'org', ['type', 'status', 'enabled']),
          expectedPolicies(tenant),
        );
        assert.deepEqual(
          records<Rec>(view, 'org.organization', 'org').map((o) => pick(o, ['id', 'name'])),
          [tenant.org],
        );
        assert.deepEqual(
          records<Rec>(view, 'org.workspaces', 'org')
            .map((w) => w.id)
            .sort(),
          expectedWorkspaces(tenant),
        );
        // The demo's misconfigurations the org checks read, as stored.
        const stored = records<{ emailDomain: string; mfaEnabled: boolean }>(view, 'org.users', 'org');
        assert.ok(
          stored.some((u) => u.emailDomain === 'gmail.com'),
          'external accounts are stored',
        );
        assert.ok(
          records<{ enabled: boolean; type: string }>(view, 'org.policies', 'org').some(
            (p) => p.type === 'ip-allowlist' && !p.enabled,
          ),
        );
      });

      await t.test(
        'each Jira site holds its projects, permission schemes with their anyone grants, and public sharing',
        () => {
          for (const site of tenant.sites) {
            const jira = site.jira;
            if (!jira) continue;
            assert.deepEqual(
              projected(view, 'jira.projects', site.id, PROJECT_FIELDS),
              expectedProjects(jira),
              site.name,
            );
            const schemes = new Map(
              records<{ id: number; name: string; grants: { permission: string; holderType: string }[] }>(
                view,
                'jira.permission-schemes',
                site.id,
              ).map((s) => [
                String(s.id),
                {
                  name: s.name,
                  grants: s.grants.length,
                  anyone: s.grants
                    .filter((g) => g.holderType === 'anyone')
                    .map((g) => g.permission)
                    .sort(),
                },
              ]),
            );
            assert.deepEqual(schemes, expectedSchemes(jira), site.name);
            type Shared = { id: string; sharePermissions: { type: string }[] };
            const filters = records<Shared>(view, 'jira.filters', site.id);
            assert.deepEqual(
              filters.map((f) => f.id).sort(),
              jira.filters.map((f) => f.id).sort(),
              site.name,
            );
            assert.deepEqual(
              publiclyShared(filters),
              publiclyShared(jira.filters),
              `${site.name} public filters`,
            );
            const dashboards = records<Shared>(view, 'jira.dashboards', site.id);
            assert.deepEqual(
              publiclyShared(dashboards),
              publiclyShared(jira.dashboards),
              `${site.name} public dashboards`,
            );
            assert.deepEqual(
              records<{ id: number }>(view, 'jira.roles', site.id)
                .map((r) => r.id)
                .sort(),
              jira.roles.map((r) => r.id).sort(),
            );
          }
          // The demo's documented ones: ROAD browsable by anyone, 2 public filters, a public dashboard on acme.
          const acme = siteByName('acme');
          assert.ok(
            [...expectedSchemes(acme.jira!).values()].some((s) => s.anyone.includes('BROWSE_PROJECTS')),
          );
          assert.equal(publiclyShared(records(view, 'jira.filters', acme.id)).length, 2);
          assert.equal(publiclyShared(records(view, 'jira.dashboards', acme.id)).length, 1);
        },
      );

      await t.test('Confluence holds every space with its anonymous and unlicensed access', () => {
        for (const site of tenant.sites) {
          if (!site.confluence) continue;
          const spaces = records<{ key: string; anonymousAccess: boolean; unlicensedAccess: boolean }>(
            view,
            'confluence.spaces',
            site.id,
          );
          const expected = expectedSpaces(site);
          assert.deepEqual(spaces.map((s) => s.key).sort(), expected.keys);
          assert.deepEqual(
            spaces
              .filter((s) => s.anonymousAccess)
              .map((s) => s.key)
              .sort(),
            expected.anonymous,
          );
          assert.deepEqual(
            spaces
              .filter((s) => s.unlicensedAccess)
              .map((s) => s.key)
              .sort(),
            expected.unlicensed,
          );
        }
        const acme = siteByName('acme');
        assert.deepEqual(expectedSpaces(acme).anonymous, ['DOCS']);
        assert.deepEqual(expectedSpaces(acme).unlicensed, ['KB']);
      });

      await t.test('the anonymous probes show what an unauthenticated visitor holds', () => {
        for (const site of tenant.sites) {
          if (site.jira) {
            const expected = expectedJiraAnonymous(site.jira);
            const probe = records<{ scope: string; projectKey: string | null; held: string[] }>(
              view,
              'jira.anonymous-permissions',
              site.id,
            );
            assert.deepEqual(probe.find((p) => p.scope === 'site')?.held, expected.site, site.name);
            const perProject = new Map(
              probe
                .filter((p) => p.scope === 'project' && p.held.length > 0)
                .map((p) => [p.projectKey, p.held]),
            );
            assert.deepEqual(perProject, expected.projects, site.name);
          }
          if (site.confluence) {
            const [anonymous] = records<{ siteAccess: boolean; visibleSpaceKeys: string[] }>(
              view,
              'confluence.anonymous',
              site.id,
            );
            assert.equal(anonymous?.siteAccess, expectedConfluenceAnonymous(site).siteAccess, site.name);
            if (anonymous?.siteAccess)
              assert.deepEqual([...anonymous.visibleSpaceKeys].sort(), expectedSpaces(site).anonymous);
          }
        }
        const acme = siteByName('acme');
        const labs = siteByName('acme-labs');
        assert.deepEqual([...expectedJiraAnonymous(acme.jira!).projects.keys()], ['ROAD']);
        assert.ok(expectedJiraAnonymous(labs.jira!).site.includes('USER_PICKER'));
        assert.equal(expectedConfluenceAnonymous(acme).siteAccess, true);
      });

      // Atlassian's own Forge app (Jira Forms), checked on its own below.
      const FORMS = 'com.atlassian.jira.forms';
      const formsId = tenant.apps.find((a) => a.key === FORMS)?.appId;
      await t.test(
        'installed apps per site and product carry their installer, and listed apps their Marketplace data',
        () => {
          for (const site of tenant.sites) {
            const installs = projected(view, 'apps.installations', site.id, [
              'installedBy',
              'enabled',
              'userInstalled',
            ]);
            const expected = expectedInstallations(tenant, site.id);
            assert.deepEqual(installs, expected, site.name);
          }
          const answers = new Map(
            records<Rec>(view, 'apps.marketplace', 'org').map((a) => [String(a.appKey), a]),
          );
          const expected = expectedMarketplace(tenant);
          assert.deepEqual(
            new Map(
              [...answers].map(([k, a]) => [k, pick(a, Object.keys(expected.get(k) ?? { listed: 0 }))]),
            ),
            expected,
          );
        },
      );

      await t.test("an Atlassian-built Forge app is stored under its app key with UPM's state", () => {
        const acme = siteByName('acme');
        const installs = view.get(viewId('apps.installations', acme.id));
        assert.deepEqual(
          pick(installs?.get(`jira:${FORMS}`), ['installedBy', 'enabled', 'userInstalled']),
          expectedInstallations(tenant, acme.id).get(`jira:${FORMS}`),
        );
        assert.equal(installs?.has(`jira:forge:${formsId}`), false);
        const answer = records<Rec>(view, 'apps.marketplace', 'org').find((a) => a.appKey === FORMS);
        assert.equal(answer?.listed, true, 'its Marketplace listing is read');
      });

      // --- Resync, nothing changed -------------------------------------------------------------
      const rowsBefore = await countRows(db);
      await org.control.resetCounters();
      started = Date.now();
      const second = await sync(org, db);
      const secondMs = Date.now() - started;
      const secondServed = await org.control.counters();
      t.diagnostic(`resync: ${second.api.calls} calls, ${secondMs} ms`);

      await t.test('a resync of an unchanged tenant publishes a new version and writes no row', async () => {
        assert.equal(second.status, 'success', notOk(second));
        assert.equal(second.snapshotVersion, 2);
        assert.equal(second.resumed, false);
        assert.deepEqual(await snapshotStatuses(db, connectionId), ['1:complete', '2:complete']);
        // Nothing changed in the tenant, so nothing is written or closed. (The sync's own token
        // is stamped on use by Atlassian; its last access is kept to the day, so it does not move.)
        assert.deepEqual(await rowsWrittenBy(db, connectionId, 2), []);
        assert.equal(await countRows(db), rowsBefore);
        assert.deepEqual(await duplicateOpenRows(db), []);
      });

      await t.test(
        'a resync reads audit logs from their cursor and answers the Marketplace from the cache',
        () => {
          assert.ok(second.api.calls < first.api.calls, `${second.api.calls} < ${first.api.calls}`);
          assert.equal(second.api.calls, secondServed.totalCalls);
          const marketplace = Object.entries(secondServed.calls).filter(([id]) =>
            id.startsWith('marketplace.'),
          );
          assert.deepEqual(marketplace, [], 'no Marketplace call: every answer is cached');
          for (const id of AUDIT_ENDPOINTS) {
            const scopes =
              id === 'admin.events.list'
                ? 1
                : tenant.sites.filter((s) => s[id.startsWith('jira') ? 'jira' : 'confluence']).length;
            assert.equal(secondServed.calls[id], scopes, `${id}: one page since the cursor per scope`);
          }
          // The minimum for this resync: the Marketplace fully cached, one page of new org events.
          const inv = view;
          // Org events are read from the cursor: one page of new ones, not every one stored.
          const read = (d: string, s: string) =>
            d === 'org.events' ? records(inv, d, s).slice(0, 1) : records(inv, d, s);
          const budget = minimumCalls(describedCollectors(), read, {
            org: true,
            sites: org.sync.connection.sites,
            customFields: new Map(
              tenant.sites.map((s) => [s.id, s.jira?.fields.filter((f) => f.custom).length ?? 0]),
            ),
            marketplaceCached: records(inv, 'apps.marketplace', 'org').length,
          });
          assert.equal(second.api.calls, budget.total);
        },
      );

      // --- Three changes through the control API, then a resync ---------------------------------
      const acme = siteByName('acme');
      const priya = tenant.users.find((u) => u.email === 'priya.nair@acme.example');
      assert.ok(priya && priya.platformRoles.length === 0, 'a plain user to deactivate');
      const app = 'com.harbortools.gantt'; // listed Connect app, installed on acme-labs only
      assert.ok(!tenant.installations.some((i) => i.appKey === app && i.siteId === acme.id));
      await org.control.send('POST', '/tenant/apps/install', {
        appKey: app,
        site: 'acme',
        product: 'jira',
        installedBy: 'riley.chen@acme.example',
      });
      await org.control.send('POST', '/tenant/anonymous-access', {
        kind: 'confluence-space',
        site: 'acme',
        spaceKey: 'ENG',
      });
      await org.control.send('POST', `/tenant/users/${priya.accountId}/deactivate`);

      const third = await sync(org, db);
      const live = org.live();

      await t.test(
        'after an install, an anonymous space and a deactivation, the resync writes exactly those changes',
        async () => {
          assert.equal(third.status, 'success', notOk(third));
          assert.equal(third.snapshotVersion, 3);
          const after = await readInventory(db, connectionId);
          const written = await rowsWrittenBy(db, connectionId, 3);
          const appAccount = live.users.find((u) => u.appKey === app)?.accountId;
          const newAudit = live.sites.find((s) => s.id === acme.id)?.jira?.audit.at(-1)?.id;
          const newEvent = live.events.at(-1)?.id;
          const admin = tenant.credentials.adminAccountId;
          const explained = (w: { dataset: string; scope: string; key: string }): string | undefined => {
            const at = (dataset: string, scope: string) => w.dataset === dataset && w.scope === scope;
            // The install: the app in UPM and the inventory, its account on the site, its audit traces.
            if (at('apps.upm-jira', acme.id) && w.key === app) return 'install';
            if (at('apps.installations', acme.id) && w.key === `jira:${app}`) return 'install';
            if (at('jira.users', acme.id) && w.key === appAccount) return 'install';
            if (at('jira.audit', acme.id) && w.key === String(newAudit)) return 'install';
            if (at('org.events', 'org') && w.key === newEvent) return 'install';
            // The anonymous space, and what the anonymous listing now shows.
            if (at('confluence.spaces', acme.id) && w.key === 'ENG') return 'anonymous space';
            if (at('confluence.anonymous', acme.id)) return 'anonymous space';
            // The deactivation, wherever the account appears, and the seat counts it changes.
            if (w.key === priya.accountId || w.key.endsWith(`:${priya.accountId}`)) return 'deactivation';
            if (w.dataset === 'jira.application-roles' || w.dataset === 'org.workspaces')
              return 'deactivation (counts)';
            if (at('org.api-tokens', 'org') && w.key === admin) return 'own token used';
            return undefined;
          };
          const unexplained = written.filter((w) => !explained(w));
          assert.deepEqual(unexplained, [], 'every row written belongs to one of the three changes');
          // Every change shows, each as one new row per changed item, nothing removed.
          const added = (dataset: string, scope: string) =>
            written
              .filter((w) => w.dataset === dataset && w.scope === scope && w.change === 'added')
              .map((w) => w.key);
          assert.deepEqual(added('apps.upm-jira', acme.id), [app]);
          assert.deepEqual(added('apps.installations', acme.id), [`jira:${app}`]);
          assert.deepEqual(added('confluence.spaces', acme.id), ['ENG']);
          assert.deepEqual(added('org.users', 'org'), [priya.accountId]);
          const closedWithoutSuccessor = written.filter(
            (w) =>
              w.change === 'closed' &&
              !written.some(
                (x) =>
                  x.change === 'added' && x.dataset === w.dataset && x.scope === w.scope && x.key === w.key,
              ),
          );
          assert.deepEqual(closedWithoutSuccessor, [], 'nothing disappeared');
          // The changed records say what changed.
          const install = after.get(viewId('apps.installations', acme.id))?.get(`jira:${app}`);
          assert.equal(install?.installedBy, admin);
          const eng = after.get(viewId('confluence.spaces', acme.id))?.get('ENG');
          assert.equal(eng?.anonymousAccess, true);
          const user = after.get(viewId('org.users', 'org'))?.get(priya.accountId);
          assert.equal(user?.accountStatus, 'inactive');
          assert.equal(user?.status, 'deactivated');
          for (const site of tenant.sites)
            if (site.jira)
              assert.equal(after.get(viewId('jira.users', site.id))?.get(priya.accountId)?.active, false);
          // Seat counts moved and nothing else in those records.
          const before = await readInventory(db, connectionId, 2);
          for (const w of written.filter(
            (x) => x.change === 'added' && /^(jira\.application-roles|org\.workspaces)$/.test(x.dataset),
          )) {
            const old = before.get(viewId(w.dataset, w.scope))?.get(w.key) ?? {};
            const now = after.get(viewId(w.dataset, w.scope))?.get(w.key) ?? {};
            const differing = Object.keys(now).filter(
              (k) => JSON.stringify(now[k]) !== JSON.stringify(old[k]),
            );
            assert.deepEqual(
              differing,
              [w.dataset === 'org.workspaces' ? 'usage' : 'userCount'],
              `${w.dataset} ${w.key}`,
            );
          }
          assert.deepEqual(await duplicateOpenRows(db), []);
        },
      );
    } finally {
      await org.stop();
    }
  },
  { timeout: 90_000 },
);

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { appsOfSnapshot } from '../../src/scan/apps-of-snapshot.ts';
import { CONNECT, FORGE, RISKY, startAppsWorld } from './apps-fixture.ts';

// GET /api/v1/apps and /api/v1/apps/{key} against the scanned demo organization: the list is the
// CLI's `apps list` (appsOfSnapshot) with filters and cursor paging, the detail everything a
// reviewer needs about one app.

interface Item {
  key: string;
  name: string;
  vendor: string | null;
  framework: string;
  connectionId: string;
  risk: { score: number; band: string; factors: { id: string }[] };
  classification: { state: string; group: string };
  installations: {
    connectionId: string;
    site: { cloudId: string; url: string | null; name: string | null };
    installKind: string;
  }[];
}
interface Page {
  items: Item[];
  total: number;
  nextCursor: string | null;
}

forEachDatabase(
  'the apps list shows every installed app riskiest first, as palisade apps list does, and pages without repeats',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    const { snapshotVersion } = await world.scan();
    const expected = await appsOfSnapshot(
      database.db,
      world.connectionId,
      snapshotVersion,
      world.server.deps.now(),
    );
    assert.ok(expected.length > 5, 'the demo has apps');

    const all = (await world.call(world.people.viewer, 'GET', '/api/v1/apps?limit=500')).json() as Page;
    assert.equal(all.total, expected.length);
    assert.equal(all.nextCursor, null);
    assert.deepEqual(
      all.items.map((a) => a.risk.score),
      expected.map((a) => a.risk.score),
    );
    assert.deepEqual(new Set(all.items.map((a) => a.key)), new Set(expected.map((a) => a.appKey)));
    const risky = all.items.find((a) => a.key === RISKY);
    assert.ok(risky);
    assert.equal(risky.vendor, 'FastSync Dev');
    assert.equal(risky.framework, 'connect');
    assert.equal(risky.classification.group, 'under_review');
    assert.ok(risky.risk.factors.length > 0);
    const acme = world.sites.find((s) => s.name === 'acme');
    assert.deepEqual(
      risky.installations.map((i) => [i.connectionId, i.site.cloudId, i.site.name, i.installKind]),
      [[world.connectionId, acme?.cloudId, 'acme', 'user']],
    );

    // Three at a time: the pages put together are the whole list, in order, nothing twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/apps?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await world.call(world.people.viewer, 'GET', url)).json() as Page;
      assert.ok(page.items.length <= 3);
      assert.equal(page.total, expected.length);
      seen.push(...page.items.map((a) => `${a.connectionId}/${a.key}`));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.items.map((a) => `${a.connectionId}/${a.key}`),
    );

    const bad = await world.call(world.people.viewer, 'GET', '/api/v1/apps?cursor=nonsense');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /cursor/);
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'the apps list filters by band, framework, classification, site, vendor and who installed',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    await world.scan();
    const list = async (query: string) =>
      ((await world.call(world.people.viewer, 'GET', `/api/v1/apps?limit=500&${query}`)).json() as Page)
        .items;
    const all = await list('');

    const forge = await list('framework=forge');
    assert.ok(forge.length > 0);
    assert.deepEqual(
      forge,
      all.filter((a) => a.framework === 'forge'),
    );
    assert.ok(forge.some((a) => a.key === FORGE));

    const severe = await list('band=critical,high');
    assert.deepEqual(
      severe,
      all.filter((a) => a.risk.band === 'critical' || a.risk.band === 'high'),
    );
    assert.ok(severe.length > 0 && severe.length < all.length);

    const byUsers = await list('installedBy=user');
    assert.deepEqual(
      byUsers,
      all.filter((a) => a.installations.some((i) => i.installKind === 'user')),
    );
    assert.ok(byUsers.some((a) => a.key === RISKY));
    const byAdmins = await list('installedBy=admin');
    assert.ok(byAdmins.every((a) => a.installations.every((i) => i.installKind === 'admin')));
    assert.ok(!byAdmins.some((a) => a.key === RISKY));

    assert.deepEqual(
      (await list('vendor=fastsync%20dev')).map((a) => a.key),
      [RISKY],
    );

    const acme = world.sites.find((s) => s.name === 'acme');
    assert.ok(acme);
    const onAcme = await list(`site=${acme.cloudId}`);
    assert.deepEqual(
      onAcme,
      all.filter((a) => a.installations.some((i) => i.site.cloudId === acme.cloudId)),
    );
    assert.deepEqual(await list(`site=${new URL(acme.url).host}`), onAcme);

    assert.deepEqual(await list('classification=under_review'), all);
    assert.deepEqual(await list('classification=approved'), []);

    const unknownConnection = await world.call(world.people.viewer, 'GET', '/api/v1/apps?connectionId=nope');
    assert.equal(unknownConnection.statusCode, 404);
    assert.equal(unknownConnection.json().error.code, 'connection_not_found');
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'one app shows its scopes and what each reaches, egress, installer and date, licence, Marketplace signals, risk evidence and failing checks',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    await world.scan();
    const answer = await world.call(world.people.viewer, 'GET', `/api/v1/apps/${CONNECT}`);
    assert.equal(answer.statusCode, 200, answer.body);
    const app = answer.json().app;
    assert.equal(app.key, CONNECT);
    assert.equal(app.scopesReadable, true);
    assert.ok(app.scopes.length > 0);
    const admin = app.scopes.find((s: { scope: string }) => s.scope === 'ADMIN');
    assert.ok(admin, JSON.stringify(app.scopes));
    assert.equal(admin.capability, 'admin');
    assert.match(admin.reaches, /administers the product/);
    assert.equal(app.egress.kind, 'vendor-hosted');
    const install = app.installations[0];
    assert.ok(install.installedAt);
    assert.ok(install.installer?.name);
    assert.ok(['active', 'evaluation', 'expired', 'free', 'none', 'unknown'].includes(install.license.state));
    assert.ok(['listed', 'unlisted', 'unavailable', 'not-looked-up'].includes(app.marketplace.status));
    assert.ok(app.riskDetail.factors.some((f: { evidence: string[] }) => f.evidence.length > 0));
    assert.equal(app.riskDetail.computed.score, app.risk.score);
    assert.ok(app.checks.length > 0);
    assert.ok(
      app.checks.every(
        (c: { status: string; title: string }) => ['fail', 'unknown'].includes(c.status) && c.title,
      ),
    );

    const risky = (await world.call(world.people.viewer, 'GET', `/api/v1/apps/${RISKY}`)).json().app;
    assert.equal(risky.installations[0].installer.name, 'Priya Nair');
    assert.equal(risky.installations[0].userInstalledFlag, true);

    const missing = await world.call(world.people.viewer, 'GET', '/api/v1/apps/com.example.nothing');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'app_not_found');
  },
  { timeout: 120_000 },
);

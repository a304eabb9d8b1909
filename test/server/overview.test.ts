import assert from 'node:assert/strict';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { RISKY, type SimInstallation, startAppsWorld } from './apps-fixture.ts';

// GET /api/v1/overview over three scans of the demo organization (as found, one app removed at
// Atlassian, the app back): every number is the one the lists behind it answer.

interface Overview {
  connections: {
    id: string;
    posture: { snapshotVersion: number; score: number | null } | null;
    history: { snapshotVersion: number; score: number | null }[];
    failing: { findings: Record<string, number>; checks: Record<string, number> };
    changes: {
      snapshotVersion: number;
      new: number;
      regressed: number;
      resolved: number;
      changed: number;
    } | null;
    riskiestApps: { key: string; score: number; band: string }[];
  }[];
  totals: { failing: { findings: Record<string, number> }; changes: Record<string, number> };
  riskiestApps: { key: string; score: number }[];
  worstLastSync: { connectionId: string; host: string; reason: string | null } | null;
}

forEachDatabase(
  'the overview shows each connection’s posture over time, failing checks, changes and riskiest apps as the lists count them',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    const { viewer } = world.people;
    const overview = async () => {
      const answer = await world.call(viewer, 'GET', '/api/v1/overview');
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json() as Overview;
    };
    const total = async (query: string) =>
      (
        await world.call(
          viewer,
          'GET',
          `/api/v1/findings?limit=1&connectionId=${world.connectionId}&${query}`,
        )
      ).json().total as number;

    const empty = await overview();
    assert.deepEqual(
      empty.connections.map((c) => [c.id, c.posture, c.history, c.changes, c.failing.findings.total]),
      [[world.connectionId, null, [], null, 0]],
      'before the first scan there is nothing to count',
    );
    const named = await world.call(viewer, 'GET', `/api/v1/overview?connectionId=${world.connectionId}`);
    assert.deepEqual(
      (named.json() as Overview).worstLastSync,
      (await world.call(viewer, 'GET', '/api/v1/connections')).json().worstLastSync,
      'the worst last sync of one connection is judged as the Integrations list judges it',
    );
    assert.equal(empty.worstLastSync?.reason, 'not synced yet');

    const first = (await world.scan()).snapshotVersion;
    const one = (await overview()).connections[0];
    assert.ok(one);
    assert.equal(one.changes?.new, await total(''), 'the first scan found every finding new');
    for (const severity of ['critical', 'high', 'medium', 'low']) {
      assert.equal(
        one.failing.findings[severity],
        await total(`status=open,in_progress,regressed&severity=${severity}`),
        severity,
      );
    }
    assert.ok((one.failing.findings.critical ?? 0) > 0);
    assert.ok((one.failing.checks.total ?? 0) <= (one.failing.findings.total ?? 0));
    const apps = (await world.call(viewer, 'GET', '/api/v1/apps?limit=5')).json();
    assert.deepEqual(
      one.riskiestApps.map((a) => [a.key, a.score, a.band]),
      apps.items.map((a: { key: string; risk: { score: number; band: string } }) => [
        a.key,
        a.risk.score,
        a.risk.band,
      ]),
    );

    // Fixed at Atlassian: the risky app is removed.
    const installs = (await world.control.send<SimInstallation[]>('GET', '/tenant/installations')).filter(
      (i) => i.appKey === RISKY,
    );
    for (const i of installs) {
      await world.control.send(
        'DELETE',
        `/tenant/apps/${encodeURIComponent(i.appKey)}/installations?site=${i.siteId}&product=${i.product}`,
      );
    }
    const second = (await world.scan()).snapshotVersion;
    const two = (await overview()).connections[0];
    assert.equal(two?.changes?.snapshotVersion, second);
    assert.ok((two?.changes?.resolved ?? 0) > 0);
    assert.equal(two?.changes?.resolved, await total('status=resolved'));
    assert.equal(two?.changes?.new, 0);
    assert.ok(!two?.riskiestApps.some((a) => a.key === RISKY));

    // Broken again: the app is back.
    for (const i of installs) {
      await world.control.send('POST', '/tenant/apps/install', {
        appKey: i.appKey,
        site: i.siteId,
        product: i.product,
        installedBy: world.member.email,
        userInstalled: true,
      });
    }
    const third = (await world.scan()).snapshotVersion;
    const now = await overview();
    const three = now.connections[0];
    assert.ok(three);
    assert.equal(three.changes?.regressed, await total('status=regressed'));
    assert.ok((three.changes?.regressed ?? 0) > 0);
    assert.deepEqual(
      three.history.map((p) => p.snapshotVersion),
      [first, second, third],
    );
    assert.deepEqual(three.posture?.snapshotVersion, third);
    assert.equal(three.posture?.score, three.history.at(-1)?.score);
    const stored = await database.db
      .selectFrom('finding_evaluations')
      .select(['snapshot_version', 'scores'])
      .where('connection_id', '=', world.connectionId)
      .orderBy('snapshot_version')
      .execute();
    assert.deepEqual(
      three.history.map((p) => p.score),
      stored.map((e) => (JSON.parse(e.scores) as { org: { score: number | null } }).org.score),
      'one point per scan, the score that scan stored',
    );
    assert.deepEqual(now.totals.failing.findings, three.failing.findings);
    assert.deepEqual(
      now.riskiestApps,
      three.riskiestApps.map((a) => ({ ...a, connectionId: world.connectionId })),
    );
    assert.equal(now.worstLastSync?.connectionId, world.connectionId);

    const missing = await world.call(viewer, 'GET', '/api/v1/overview?connectionId=nope');
    assert.equal(missing.statusCode, 404);
  },
  { timeout: 120_000 },
);

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { startAppsWorld } from './apps-fixture.ts';

// GET /api/v1/compliance over the demo organization: each framework's controls with their checks,
// whose states are the report's own results for the latest snapshot; an exception moves a failing
// check to excepted.

interface Check {
  ruleId: string;
  state: string;
  results: Record<string, number>;
}
interface Answer {
  connections: { id: string; snapshotVersion: number | null }[];
  frameworks: {
    id: string;
    covered: number;
    total: number;
    failing: number;
    controls: { id: string; state: string; checks: Check[] }[];
  }[];
}

forEachDatabase(
  'compliance shows every framework’s controls with their checks in the state the latest scan left them',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    const { viewer, owner } = world.people;
    const compliance = async () => {
      const answer = await world.call(viewer, 'GET', '/api/v1/compliance');
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json() as Answer;
    };

    const before = await compliance();
    assert.deepEqual(before.connections, [{ id: world.connectionId, snapshotVersion: null }]);
    assert.deepEqual(
      before.frameworks.map((f) => f.id),
      ['cis-controls-v8', 'nist-800-53-r5', 'iso-27001-2022', 'soc2'],
    );
    const checksBefore = before.frameworks.flatMap((f) => f.controls.flatMap((c) => c.checks));
    assert.ok(checksBefore.length > 0);
    assert.ok(
      checksBefore.every((c) => c.state === 'not_evaluated'),
      'nothing is judged before the first scan',
    );

    const version = (await world.scan()).snapshotVersion;
    const after = await compliance();
    assert.deepEqual(after.connections, [{ id: world.connectionId, snapshotVersion: version }]);

    // The states are the report's results, rule by rule.
    const report = JSON.parse(
      (await world.call(viewer, 'GET', `/api/v1/reports?connectionId=${world.connectionId}&format=json`))
        .body,
    ) as { results: { ruleId: string; status: string }[] };
    const expected = new Map<string, Record<string, number>>();
    for (const r of report.results) {
      const counts = expected.get(r.ruleId) ?? {};
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      expected.set(r.ruleId, counts);
    }
    const checks = after.frameworks.flatMap((f) => f.controls.flatMap((c) => c.checks));
    for (const c of checks) {
      const want = expected.get(c.ruleId) ?? {};
      const got = Object.fromEntries(Object.entries(c.results).filter(([, n]) => n > 0));
      assert.deepEqual(got, want, c.ruleId);
    }
    const failing = checks.find((c) => c.state === 'fail');
    assert.ok(failing, 'the demo organization fails some mapped check');
    for (const f of after.frameworks) {
      assert.equal(f.failing, f.controls.filter((c) => c.state === 'fail').length);
      assert.ok(f.covered <= f.total);
      for (const c of f.controls) {
        if (c.checks.some((k) => k.state === 'fail')) assert.equal(c.state, 'fail', `${f.id} ${c.id}`);
        if (c.checks.length === 0) assert.equal(c.state, 'not_covered');
      }
    }

    // Accepting every failure of that rule turns its check excepted.
    const created = await world.call(owner, 'POST', '/api/v1/exceptions', {
      connectionId: world.connectionId,
      ruleId: failing.ruleId,
      justification: 'Accepted while the migration to SSO finishes',
      owner: 'security@acme.test',
      expiresAt: new Date(Date.parse('2026-11-01T12:00:00Z') + 30 * 86_400_000).toISOString(),
    });
    assert.equal(created.statusCode, 201, created.body);
    const excepted = (await compliance()).frameworks
      .flatMap((f) => f.controls.flatMap((c) => c.checks))
      .filter((c) => c.ruleId === failing.ruleId);
    assert.ok(excepted.length > 0);
    for (const c of excepted) {
      assert.equal(c.results.fail, 0);
      assert.ok((c.results.excepted ?? 0) > 0);
    }

    const missing = await world.call(viewer, 'GET', '/api/v1/compliance?connectionId=nope');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'connection_not_found');
  },
  { timeout: 120_000 },
);

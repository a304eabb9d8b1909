import assert from 'node:assert/strict';
import { getClassification } from '../../src/app-risk/classification/repository.ts';
import { listPolicies } from '../../src/app-risk/policy/repository.ts';
import { listScoreOverrides } from '../../src/app-risk/risk/overrides.ts';
import { listAudit } from '../../src/audit/audit-log.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { CONNECT, RISKY, startAppsWorld } from './apps-fixture.ts';

// Classification, score override and policies over the API, in the stores the CLI and the scans
// read: each change shows at once on the app, and each is in the audit log twice over — the
// store's entry (what changed, from what) and the request's (who asked, from where).

const actions = async (db: Parameters<typeof listAudit>[0], connectionId: string, subject: string) =>
  (await listAudit(db, { connectionId, subject })).map((e) => e.action).sort();

forEachDatabase(
  'an analyst approves, accepts and bans apps; each decision is stored, shown on the app and audited',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    await world.scan();
    const { analyst, viewer } = world.people;
    const put = (who: typeof analyst, key: string, body: unknown) =>
      world.call(who, 'PUT', `/api/v1/apps/${key}/classification`, body);

    const refused = await put(viewer, CONNECT, { state: 'approved' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'permission_required');

    const approved = await put(analyst, CONNECT, {
      state: 'approved',
      justification: 'vendor reviewed in Q3',
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual(
      [approved.json().app.classification.state, approved.json().app.classification.group],
      ['sanctioned', 'approved'],
    );
    assert.equal(approved.json().app.classification.decidedBy, analyst.email);
    const stored = await getClassification(database.db, world.connectionId, CONNECT);
    assert.equal(stored?.state, 'sanctioned');
    assert.ok(stored?.approvedFingerprint, 'approving records what was approved');

    const noExpiry = await put(analyst, RISKY, {
      state: 'risk-accepted',
      justification: 'needed for the migration',
    });
    assert.equal(noExpiry.statusCode, 400);
    assert.equal(noExpiry.json().error.code, 'invalid_decision');
    assert.match(noExpiry.json().error.message, /expiry/);

    const banned = await put(analyst, RISKY, {
      state: 'banned',
      justification: 'unlisted vendor acting as users',
    });
    assert.equal(banned.statusCode, 200, banned.body);
    assert.equal(banned.json().app.classification.state, 'unsanctioned');
    const list = (await world.call(viewer, 'GET', '/api/v1/apps?classification=banned')).json();
    assert.deepEqual(
      list.items.map((a: { key: string }) => a.key),
      [RISKY],
    );
    const approvedList = (await world.call(viewer, 'GET', '/api/v1/apps?classification=approved')).json();
    assert.deepEqual(
      approvedList.items.map((a: { key: string }) => a.key),
      [CONNECT],
    );

    assert.deepEqual(await actions(database.db, world.connectionId, `app:${CONNECT}`), [
      'app.classification.set',
      'app.classify',
    ]);
    const request = (
      await listAudit(database.db, { action: 'app.classification.set', subject: `app:${RISKY}` })
    )[0];
    assert.equal(request?.actor, analyst.id);
    assert.equal(request?.details.state, 'unsanctioned');
    assert.match(String(request?.source?.via), /^token:/);

    const notInstalled = await put(analyst, 'com.example.nothing', {
      state: 'banned',
      justification: 'never',
    });
    assert.equal(notInstalled.statusCode, 404);
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'a score override replaces the score with its justification, keeps the computed one, and is removed again',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    await world.scan();
    const { analyst } = world.people;
    const before = (await world.call(analyst, 'GET', `/api/v1/apps/${CONNECT}`)).json().app;

    const tooShort = await world.call(analyst, 'PUT', `/api/v1/apps/${CONNECT}/score-override`, {
      score: 10,
      justification: 'ok',
    });
    assert.equal(tooShort.statusCode, 400);

    const set = await world.call(analyst, 'PUT', `/api/v1/apps/${CONNECT}/score-override`, {
      score: 12,
      justification: 'compensating controls: the app runs in a sandbox org',
    });
    assert.equal(set.statusCode, 200, set.body);
    const app = set.json().app;
    assert.deepEqual([app.risk.score, app.risk.band, app.risk.overridden], [12, 'low', true]);
    assert.equal(app.riskDetail.computed.score, before.risk.score);
    assert.equal(
      app.riskDetail.override.justification,
      'compensating controls: the app runs in a sandbox org',
    );
    assert.equal((await listScoreOverrides(database.db, world.connectionId)).get(CONNECT)?.score, 12);
    const listed = (await world.call(analyst, 'GET', '/api/v1/apps?limit=500')).json();
    assert.equal(listed.items.find((a: { key: string }) => a.key === CONNECT).risk.score, 12);

    const cleared = await world.call(analyst, 'DELETE', `/api/v1/apps/${CONNECT}/score-override`);
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.deepEqual(
      [cleared.json().app.risk.score, cleared.json().app.risk.overridden],
      [before.risk.score, false],
    );
    const again = await world.call(analyst, 'DELETE', `/api/v1/apps/${CONNECT}/score-override`);
    assert.equal(again.statusCode, 400);
    assert.match(again.json().error.message, /no manual score/);

    assert.deepEqual(await actions(database.db, world.connectionId, `app:${CONNECT}`), [
      'app.score-override',
      'app.score-override-cleared',
      'app.score-override.clear',
      'app.score-override.set',
    ]);
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'a policy saved over the API is stored for the scans, shows as a failing check on the app it names, and is deleted',
  async (t, database) => {
    const world = await startAppsWorld(t, database);
    await world.scan();
    const { analyst, viewer } = world.people;
    const url = '/api/v1/apps/policies/no-admin-toolkit';
    const policy = {
      description: 'Admin Toolkit is not allowed',
      severity: 'high',
      when: { appKeyIn: [CONNECT] },
    };

    const invalid = await world.call(analyst, 'PUT', url, {
      connectionId: world.connectionId,
      policy: { description: 'x', severity: 'high', when: {} },
    });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, 'invalid_policy');

    const saved = await world.call(analyst, 'PUT', url, { connectionId: world.connectionId, policy });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().policy.policy.id, 'no-admin-toolkit');
    assert.deepEqual(
      (await listPolicies(database.db, world.connectionId)).policies.map((p) => p.policy.id),
      ['no-admin-toolkit'],
    );
    const listed = (await world.call(viewer, 'GET', '/api/v1/apps/policies')).json();
    assert.deepEqual(
      listed.items.map((p: { connectionId: string; enabled: boolean }) => [p.connectionId, p.enabled]),
      [[world.connectionId, true]],
    );

    const app = (await world.call(viewer, 'GET', `/api/v1/apps/${CONNECT}`)).json().app;
    const check = app.checks.find((c: { ruleId: string }) => c.ruleId === 'app_policy:no-admin-toolkit');
    assert.deepEqual(
      [check?.title, check?.severity, check?.status],
      ['Admin Toolkit is not allowed', 'high', 'fail'],
    );
    const other = (await world.call(viewer, 'GET', `/api/v1/apps/${RISKY}`)).json().app;
    assert.ok(!other.checks.some((c: { ruleId: string }) => c.ruleId === 'app_policy:no-admin-toolkit'));

    const deleted = await world.call(analyst, 'DELETE', `${url}?connectionId=${world.connectionId}`);
    assert.equal(deleted.statusCode, 204);
    const gone = await world.call(analyst, 'DELETE', `${url}?connectionId=${world.connectionId}`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'policy_not_found');
    const after = (await world.call(viewer, 'GET', `/api/v1/apps/${CONNECT}`)).json().app;
    assert.ok(!after.checks.some((c: { ruleId: string }) => c.ruleId === 'app_policy:no-admin-toolkit'));

    assert.deepEqual(await actions(database.db, world.connectionId, 'policy:no-admin-toolkit'), [
      'app.policy-create',
      'app.policy-delete',
      'app.policy.delete',
      'app.policy.save',
    ]);
  },
  { timeout: 120_000 },
);

import assert from 'node:assert/strict';
import { listAudit } from '../../src/audit/audit-log.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { listExceptions } from '../../src/findings/store/exceptions-store.ts';
import { startFindingsWorld } from './findings-fixture.ts';

// Findings worked like incidents, on both databases, against the demo organization: a team
// takes a finding, assigns it, comments, dismisses one as an accepted risk (an exception the CLI
// sees and the next scan honours); the tenant is fixed through the simulator and the next scan
// resolves the findings by itself; broken again, they reopen as regressed; a bulk change by filter.

interface Finding {
  id: string;
  ruleId: string;
  status: string;
  scanState: string;
  dismissalReason: string | null;
  assignee: { id: string; name: string } | null;
  exceptionId: string | null;
  resource: { type: string; id: string; key: string };
  site: string;
  history: { kind: string; text: string | null; from: string | null; to: string | null; actor: unknown }[];
}

interface Installation {
  appKey: string;
  siteId: string;
  product: 'jira' | 'confluence';
  userInstalled: boolean;
}

const DAY = 86_400_000;

forEachDatabase(
  'a team works findings like incidents and the scans keep their status honest',
  async (t, database) => {
    const world = await startFindingsWorld(t, database);
    const { analyst, viewer } = world.people;
    const db = database.db;
    await world.scan();
    const list = async (query: string): Promise<{ items: Finding[]; total: number }> => {
      const res = await world.call(viewer, 'GET', `/api/v1/findings?limit=500&${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const get = async (id: string): Promise<Finding> => {
      const res = await world.call(viewer, 'GET', `/api/v1/findings/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().finding;
    };
    const all = (await list('')).items;
    const apps = all.filter((f) => f.resource.type === 'app');
    const posture = all.filter((f) => f.resource.type !== 'app');
    const [taken, accepted] = posture;
    assert.ok(taken && accepted && apps.length > 0);

    await t.test(
      'an analyst takes a finding, assigns it and comments; each change is in its history',
      async () => {
        const res = await world.call(analyst, 'PATCH', `/api/v1/findings/${taken.id}`, {
          status: 'in_progress',
          assignee: analyst.id,
          comment: 'Looking at it with the Jira admins',
        });
        assert.equal(res.statusCode, 200, res.body);
        const { finding } = res.json() as { finding: Finding };
        assert.equal(finding.status, 'in_progress');
        assert.equal(finding.assignee?.id, analyst.id);
        assert.deepEqual(
          finding.history.map((h) => [h.kind, h.from, h.to, h.text]),
          [
            ['status', null, 'open', 'found by scan 1'],
            ['assignee', null, analyst.id, null],
            ['status', 'open', 'in_progress', null],
            ['comment', null, null, 'Looking at it with the Jira admins'],
          ],
        );
        const comment = await world.call(analyst, 'POST', `/api/v1/findings/${taken.id}/comments`, {
          text: 'The scheme is shared by 12 projects',
        });
        assert.equal(comment.statusCode, 201, comment.body);
        assert.equal(comment.json().finding.history.at(-1).text, 'The scheme is shared by 12 projects');
        const mine = await list(`assignee=${analyst.id}`);
        assert.deepEqual(
          mine.items.map((f) => f.id),
          [taken.id],
        );
        const audit = await listAudit(db, { action: 'finding.update' });
        assert.equal(audit.length, 1);
        assert.equal(audit[0]?.subject, `finding:${taken.id}`);
      },
    );

    await t.test('dismissing needs a reason, and a viewer cannot change a finding', async () => {
      const res = await world.call(analyst, 'PATCH', `/api/v1/findings/${taken.id}`, { status: 'dismissed' });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().error.message, /dismissalReason is required/);
      const empty = await world.call(analyst, 'PATCH', `/api/v1/findings/${taken.id}`, {});
      assert.equal(empty.statusCode, 400);
      const byViewer = await world.call(viewer, 'PATCH', `/api/v1/findings/${taken.id}`, {
        status: 'resolved',
      });
      assert.equal(byViewer.statusCode, 403);
      const nobody = await world.call(analyst, 'PATCH', `/api/v1/findings/${taken.id}`, {
        assignee: 'no-such-user',
      });
      assert.equal(nobody.statusCode, 400);
      assert.match(nobody.json().error.message, /assignee/);
      assert.equal((await get(taken.id)).status, 'in_progress');
    });

    let exceptionId = '';
    await t.test('dismissed as accepted risk: an expiring exception in the store the CLI reads', async () => {
      const now = world.server.clock.now.getTime();
      const tooLong = await world.call(analyst, 'PATCH', `/api/v1/findings/${accepted.id}`, {
        status: 'dismissed',
        dismissalReason: 'accepted_risk',
        exceptionExpiresAt: new Date(now + 400 * DAY).toISOString(),
      });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.json().error.message, /exceptionExpiresAt/);
      const noExpiry = await world.call(analyst, 'PATCH', `/api/v1/findings/${accepted.id}`, {
        status: 'dismissed',
        dismissalReason: 'accepted_risk',
      });
      assert.equal(noExpiry.statusCode, 400);
      assert.match(noExpiry.json().error.message, /exceptionExpiresAt is required/);
      const res = await world.call(analyst, 'PATCH', `/api/v1/findings/${accepted.id}`, {
        status: 'dismissed',
        dismissalReason: 'accepted_risk',
        exceptionExpiresAt: new Date(now + 30 * DAY).toISOString(),
        comment: 'Break-glass account, reviewed quarterly',
      });
      assert.equal(res.statusCode, 200, res.body);
      const { finding } = res.json() as { finding: Finding };
      assert.equal(finding.status, 'dismissed');
      assert.equal(finding.dismissalReason, 'accepted_risk');
      exceptionId = finding.exceptionId ?? '';
      const stored = (await listExceptions(db, world.connectionId)).find((e) => e.id === exceptionId);
      assert.ok(stored, 'palisade except lists it');
      assert.equal(stored.ruleId, accepted.ruleId);
      assert.deepEqual(stored.resources, [accepted.resource.key]);
      assert.equal(stored.justification, 'Break-glass account, reviewed quarterly');
      assert.equal(stored.expiresAt, new Date(now + 30 * DAY).toISOString());
      const renewed = await world.call(analyst, 'PATCH', `/api/v1/findings/${accepted.id}`, {
        status: 'dismissed',
        dismissalReason: 'accepted_risk',
        exceptionExpiresAt: new Date(now + 60 * DAY).toISOString(),
      });
      assert.equal(renewed.statusCode, 200, renewed.body);
      assert.notEqual(renewed.json().finding.exceptionId, exceptionId);
      exceptionId = renewed.json().finding.exceptionId;
      assert.deepEqual(
        (await listExceptions(db, world.connectionId)).map((e) => [e.id, e.expiresAt]),
        [[exceptionId, new Date(now + 60 * DAY).toISOString()]],
      );
      const listed = (await world.call(viewer, 'GET', '/api/v1/exceptions')).json();
      assert.ok(
        listed.items.some((e: { id: string; state: string }) => e.id === exceptionId && e.state === 'active'),
      );
    });

    // Fix the tenant: the failing apps are uninstalled at Atlassian.
    const appKeys = new Set(apps.map((f) => f.resource.id.slice(f.resource.id.indexOf(':') + 1)));
    const installations = (await world.control.send<Installation[]>('GET', '/tenant/installations')).filter(
      (i) => appKeys.has(i.appKey),
    );
    assert.ok(installations.length > 0);
    for (const i of installations) {
      await world.control.send(
        'DELETE',
        `/tenant/apps/${encodeURIComponent(i.appKey)}/installations?site=${i.siteId}&product=${i.product}`,
      );
    }
    const second = await world.scan();

    await t.test('the next scan resolves what it sees fixed, and honours the accepted risk', async () => {
      for (const app of apps) {
        const finding = await get(app.id);
        assert.equal(finding.status, 'resolved', `${app.ruleId} ${app.resource.key}`);
        assert.equal(finding.history.at(-1)?.text, `fixed, seen by scan ${second}`);
        assert.equal(finding.history.at(-1)?.actor, null);
      }
      const excepted = await get(accepted.id);
      assert.equal(excepted.scanState, 'excepted');
      assert.equal(excepted.status, 'dismissed');
      assert.equal((await get(taken.id)).status, 'in_progress');
      assert.equal((await list('status=resolved')).total, apps.length);
    });

    // Break it again: the apps come back.
    for (const i of installations) {
      await world.control.send('POST', '/tenant/apps/install', {
        appKey: i.appKey,
        site: i.siteId,
        product: i.product,
        installedBy: world.adminEmail,
        userInstalled: i.userInstalled,
      });
    }
    const third = await world.scan();

    await t.test('a resolved finding that fails again reopens as regressed', async () => {
      const regressed = (await list('status=regressed')).items;
      assert.ok(regressed.length > 0);
      assert.ok(regressed.every((f) => apps.some((a) => a.id === f.id)));
      const one = await get(regressed[0]?.id ?? '');
      assert.deepEqual(
        one.history.slice(-2).map((h) => [h.from, h.to, h.text]),
        [
          ['open', 'resolved', `fixed, seen by scan ${second}`],
          ['resolved', 'regressed', `failing again, seen by scan ${third}`],
        ],
      );
    });

    await t.test('revoking the exception reopens the accepted risk at the next scan', async () => {
      const revoke = await world.call(analyst, 'DELETE', `/api/v1/exceptions/${exceptionId}`);
      assert.equal(revoke.statusCode, 200, revoke.body);
      assert.equal(
        (await listExceptions(db, world.connectionId)).some((e) => e.id === exceptionId),
        false,
      );
      const fourth = await world.scan();
      const finding = await get(accepted.id);
      assert.equal(finding.status, 'open');
      assert.equal(
        finding.history.at(-1)?.text,
        `no exception covers it any more (expired or revoked), seen by scan ${fourth}`,
      );
    });

    await t.test(
      'a person who marks a finding resolved is corrected by the next scan that sees it failing',
      async () => {
        const res = await world.call(analyst, 'PATCH', `/api/v1/findings/${taken.id}`, {
          status: 'resolved',
        });
        assert.equal(res.statusCode, 200, res.body);
        const fifth = await world.scan();
        const finding = await get(taken.id);
        assert.equal(finding.status, 'regressed');
        assert.equal(finding.history.at(-1)?.text, `still failing, seen by scan ${fifth}`);
      },
    );

    await t.test('a bulk change by filter changes every finding it matches, and is audited', async () => {
      const rule = posture.find((f) => posture.filter((g) => g.ruleId === f.ruleId).length > 1)?.ruleId ?? '';
      const before = await list(`rule=${rule}&status=open`);
      assert.ok(before.total > 1);
      const everything = await world.call(analyst, 'POST', '/api/v1/findings/bulk', {
        filter: {},
        set: { status: 'in_progress' },
      });
      assert.equal(everything.statusCode, 400);
      const res = await world.call(analyst, 'POST', '/api/v1/findings/bulk', {
        filter: { rule, status: 'open' },
        set: {
          status: 'dismissed',
          dismissalReason: 'false_positive',
          comment: 'Service accounts, not people',
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().updated, before.total);
      const after = await list(`rule=${rule}`);
      for (const f of before.items) {
        const now = after.items.find((g) => g.id === f.id);
        assert.equal(now?.status, 'dismissed');
        assert.equal(now?.dismissalReason, 'false_positive');
      }
      const again = await world.call(analyst, 'POST', '/api/v1/findings/bulk', {
        filter: { rule, status: 'open' },
        set: { status: 'dismissed', dismissalReason: 'false_positive' },
      });
      assert.equal(again.json().updated, 0);
      const audit = await listAudit(db, { action: 'finding.bulk-update' });
      assert.equal(audit.length, 2);
    });
  },
  // Four scans of the fixture tenant: a bound, not a target (over 30 s once on a loaded machine).
  { timeout: 120_000 },
);

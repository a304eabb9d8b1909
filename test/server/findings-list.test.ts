import assert from 'node:assert/strict';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { catalogue } from '../../src/rules/catalogue/index.ts';
import { severityRank } from '../../src/rules/severity.ts';
import { startFindingsWorld } from './findings-fixture.ts';

// The findings list as a security team filters and pages it, on the demo organization: most
// severe first, then first seen; every filter narrows to what it names; pages add up to the total
// without a repeat; one finding carries its evidence, remediation, references and controls.

interface Item {
  id: string;
  ruleId: string;
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: string;
  connectionId: string;
  site: string;
  resource: { type: string; id: string; name: string | null; key: string };
  message: string;
  firstSeen: string;
  lastSeen: string;
}

const metaOf = new Map(catalogue.map((e) => [e.rule.meta.id, e.rule.meta]));

forEachDatabase('the findings list filters, sorts and pages the findings of a scan', async (t, database) => {
  const world = await startFindingsWorld(t, database);
  await world.scan();
  const { viewer } = world.people;
  const list = async (query: string) => {
    const res = await world.call(viewer, 'GET', `/api/v1/findings?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Item[]; total: number; nextCursor: string | null };
  };

  const all = await list('limit=500');
  await t.test('every failing result is a finding, most severe first, then first seen', () => {
    assert.ok(all.total > 10, `the demo has findings (${all.total})`);
    assert.equal(all.items.length, all.total);
    assert.equal(all.nextCursor, null);
    for (const item of all.items) {
      for (const field of [
        'id',
        'ruleId',
        'title',
        'severity',
        'status',
        'site',
        'message',
        'firstSeen',
        'lastSeen',
      ] as const) {
        assert.ok(item[field], `${field} of ${item.id}`);
      }
      assert.equal(item.connectionId, world.connectionId);
      assert.equal(item.status, 'open');
    }
    const order = all.items.map((i) => [severityRank(i.severity), i.firstSeen, i.id].join('|'));
    const ranks = all.items.map((i) => severityRank(i.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.equal(new Set(order).size, order.length);
    const known = all.items.find((i) => metaOf.has(i.ruleId));
    assert.equal(known?.title, metaOf.get(known?.ruleId ?? '')?.title);
  });

  await t.test('pages of 7 add up to the whole list in the same order, without a repeat', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.total, all.total);
      assert.ok(page.items.length <= 7);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.items.map((i) => i.id),
    );
    const bad = await world.call(viewer, 'GET', '/api/v1/findings?cursor=not-a-cursor');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /cursor/);
  });

  await t.test('each filter narrows the list to what it names', async () => {
    const severe = await list('severity=critical,high&limit=500');
    assert.ok(severe.total > 0 && severe.total < all.total);
    assert.ok(severe.items.every((i) => i.severity === 'critical' || i.severity === 'high'));
    const repeated = await list('severity=critical&severity=high&limit=500');
    assert.equal(repeated.total, severe.total);

    const rule = all.items[0]?.ruleId ?? '';
    const ofRule = await list(`rule=${rule}&limit=500`);
    assert.equal(ofRule.total, all.items.filter((i) => i.ruleId === rule).length);

    const site = all.items.find((i) => i.site !== 'org')?.site ?? '';
    const ofSite = await list(`site=${encodeURIComponent(site)}&limit=500`);
    assert.equal(ofSite.total, all.items.filter((i) => i.site === site).length);
    assert.ok(ofSite.total > 0);

    const confluence = await list('product=confluence&limit=500');
    assert.ok(confluence.items.every((i) => metaOf.get(i.ruleId)?.area === 'confluence'));

    const withControl = all.items.find((i) => metaOf.get(i.ruleId)?.compliance['cis-controls-v8']?.length);
    const control = metaOf.get(withControl?.ruleId ?? '')?.compliance['cis-controls-v8']?.[0] ?? '';
    const ofControl = await list(`control=${encodeURIComponent(`cis-v8:${control}`)}&limit=500`);
    assert.ok(ofControl.items.some((i) => i.id === withControl?.id));
    assert.ok(
      ofControl.items.every((i) => metaOf.get(i.ruleId)?.compliance['cis-controls-v8']?.includes(control)),
    );
    assert.equal((await list('control=cis-v8:no-such-control')).total, 0);

    const app = all.items.find((i) => i.resource.type === 'app');
    assert.ok(app, 'the demo has a failing app check');
    const appKey = app.resource.id.slice(app.resource.id.indexOf(':') + 1);
    const ofApp = await list(`app=${encodeURIComponent(appKey)}&limit=500`);
    assert.ok(ofApp.items.some((i) => i.id === app.id));
    assert.ok(ofApp.items.every((i) => i.resource.type === 'app' && i.resource.id.endsWith(appKey)));

    const named = all.items.find((i) => i.resource.name && i.resource.name.length > 4);
    const word = (named?.resource.name ?? '').toUpperCase();
    const found = await list(`q=${encodeURIComponent(word)}&limit=500`);
    assert.ok(
      found.items.some((i) => i.id === named?.id),
      `free text finds "${word}"`,
    );
    assert.equal((await list('q=%25_no such thing_%25')).total, 0);

    const first = all.items[0]?.firstSeen ?? '';
    assert.equal((await list(`firstSeenFrom=${encodeURIComponent(first)}&limit=1`)).total, all.total);
    assert.equal((await list('firstSeenFrom=2030-01-01T00:00:00Z')).total, 0);
    assert.equal((await list(`connectionId=other&limit=1`)).total, 0);
    assert.equal((await list('status=open&limit=1')).total, all.total);
    assert.equal((await list('status=resolved,dismissed')).total, 0);
  });

  await t.test('a filter value that means nothing is refused with the field named', async () => {
    for (const [query, field] of [
      ['severity=urgent', 'severity'],
      ['status=closed', 'status'],
      ['control=4.1', 'control'],
      ['product=trello', 'product'],
    ] as const) {
      const res = await world.call(viewer, 'GET', `/api/v1/findings?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.ok(res.json().error.message.startsWith(field), res.body);
    }
  });

  await t.test(
    'one finding carries its evidence, remediation, references, controls and history',
    async () => {
      const withApi = all.items.find((i) => metaOf.get(i.ruleId)?.remediation.api) ?? all.items[0];
      const res = await world.call(viewer, 'GET', `/api/v1/findings/${withApi?.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const { finding } = res.json();
      const meta = metaOf.get(finding.ruleId);
      assert.deepEqual(finding.remediation.ui, meta?.remediation.ui);
      assert.deepEqual(finding.remediation.api, meta?.remediation.api ?? []);
      assert.deepEqual(finding.references, meta?.references);
      assert.equal(
        finding.compliance.length,
        Object.values(meta?.compliance ?? {}).reduce((n, c) => n + (c?.length ?? 0), 0),
      );
      assert.equal(finding.history.length, 1);
      assert.equal(finding.history[0].text, 'found by scan 1');
      assert.equal(finding.history[0].actor, null);
      const missing = await world.call(viewer, 'GET', '/api/v1/findings/no-such-finding');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'finding_not_found');
    },
  );
});

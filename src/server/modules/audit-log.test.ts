import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordAudit } from '../../audit/audit-log.ts';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { addPeople } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';
import { csvCell } from './audit-log.ts';

forEachDatabase(
  'the audit log pages newest first, filters, names the actor and says where a change came from',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    for (let i = 0; i < 5; i++) {
      server.clock.advance(1000);
      await server.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { authorization: people.analyst.bearer, 'user-agent': 'curl/8' },
        remoteAddress: '192.0.2.7',
        payload: { name: `t${i}`, expiresInDays: 1 },
      });
    }
    await recordAudit(server.deps.db, {
      actor: 'system:scheduler',
      action: 'scan.schedule',
      subject: 'connection:c1',
      connectionId: 'c1',
      at: server.deps.now(),
    });
    const admin = { authorization: people.admin.bearer };
    const first = await server.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log?action=token.create&limit=2',
      headers: admin,
    });
    assert.equal(first.statusCode, 200);
    const page1 = first.json();
    assert.equal(page1.total, 5);
    assert.equal(page1.items.length, 2);
    assert.deepEqual(page1.items[0].details.name, 't4');
    assert.deepEqual(page1.items[0].actor, { id: people.analyst.id, name: 'Analyst Person' });
    assert.equal(page1.items[0].source.address, '192.0.2.7');
    assert.equal(page1.items[0].source.userAgent, 'curl/8');
    assert.match(page1.items[0].source.via, /^token:/);
    const second = await server.app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?action=token.create&limit=2&cursor=${page1.nextCursor}`,
      headers: admin,
    });
    assert.deepEqual(
      second.json().items.map((i: { details: { name: string } }) => i.details.name),
      ['t2', 't1'],
    );
    const byConnection = await server.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log?connectionId=c1',
      headers: admin,
    });
    assert.equal(byConnection.json().total, 1);
    assert.deepEqual(byConnection.json().items[0].actor, { id: 'system:scheduler', name: null });
    const badCursor = await server.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log?cursor=nonsense',
      headers: admin,
    });
    assert.equal(badCursor.statusCode, 400);
    const viewer = await server.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log',
      headers: { authorization: people.viewer.bearer },
    });
    assert.equal(viewer.statusCode, 403);
  },
);

forEachDatabase(
  'the CSV export has a header row and defuses cells a spreadsheet would run as formulas',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    await recordAudit(server.deps.db, {
      actor: people.owner.id,
      action: 'app.classify',
      subject: '=HYPERLINK("http://evil")',
      at: server.deps.now(),
    });
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/v1/audit-log.csv?action=app.classify',
      headers: { authorization: people.owner.bearer },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines[0], 'at,actor,actorName,action,subject,connectionId,address,via,details');
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? '', /"'=HYPERLINK\(""http:\/\/evil""\)"/);
    assert.match(lines[1] ?? '', /"Owner Person"/);
  },
);

for (const [value, expected] of [
  ['=1+1', `"'=1+1"`],
  ['+1', `"'+1"`],
  ['-1', `"'-1"`],
  ['@SUM(A1)', `"'@SUM(A1)"`],
  ['plain "quoted"', '"plain ""quoted"""'],
] as const) {
  test(`a CSV cell ${value} is written as ${expected}`, () => {
    assert.equal(csvCell(value), expected);
  });
}

import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { recordJobFailure } from '../../jobs/job-failures.ts';
import { addPeople } from '../../people/testing/people-fixtures.ts';
import { startTestServer } from '../testing/test-server.ts';

forEachDatabase(
  'the dead letters list jobs that failed every attempt, newest first, with their last error, to owners and admins only',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const empty = await server.app.inject({
      method: 'GET',
      url: '/api/v1/jobs/dead-letter',
      headers: { authorization: people.admin.bearer },
    });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { items: [] });

    await recordJobFailure(server.deps.db, {
      kind: 'scan',
      connectionId: 'org-1',
      scanId: 's-1',
      failedAt: '2026-11-01T10:00:00.000Z',
      lastError: 'connection org-1 is being scanned by another process',
      attempts: 6,
    });
    await recordJobFailure(server.deps.db, {
      kind: 'scan',
      connectionId: 'org-2',
      scanId: 's-2',
      failedAt: '2026-11-01T11:00:00.000Z',
      lastError: 'the database could not be reached',
      attempts: 6,
    });
    const listed = await server.app.inject({
      method: 'GET',
      url: '/api/v1/jobs/dead-letter?limit=10',
      headers: { authorization: people.owner.bearer },
    });
    assert.equal(listed.statusCode, 200);
    const items = listed.json().items as { connectionId: string; lastError: string; attempts: number }[];
    assert.deepEqual(
      items.map((i) => i.connectionId),
      ['org-2', 'org-1'],
    );
    assert.equal(items[1]?.lastError, 'connection org-1 is being scanned by another process');
    assert.equal(items[1]?.attempts, 6);

    const analyst = await server.app.inject({
      method: 'GET',
      url: '/api/v1/jobs/dead-letter',
      headers: { authorization: people.analyst.bearer },
    });
    assert.equal(analyst.statusCode, 403);
    const badLimit = await server.app.inject({
      method: 'GET',
      url: '/api/v1/jobs/dead-letter?limit=0',
      headers: { authorization: people.admin.bearer },
    });
    assert.equal(badLimit.statusCode, 400);
    assert.match(badLimit.json().error.message, /limit/);
  },
);

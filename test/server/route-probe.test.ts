import assert from 'node:assert/strict';
import { z } from 'zod';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { addPerson } from '../../src/people/testing/people-fixtures.ts';
import type { ServerModule } from '../../src/server/server-module.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { fillPath, listen, probe } from './route-probe.ts';

// The route walkers must cope with routes they have never seen: a Server-Sent Events stream that
// never ends, and one that sends nothing until its first event.

const streams: ServerModule = {
  name: 'streams',
  register(app) {
    app.get(
      '/api/v1/test-stream',
      {
        config: { access: 'connections:read' },
        schema: { tags: ['test'], summary: 'a stream', response: { 200: z.any() } },
      },
      async (_request, reply) => {
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
        reply.raw.write(': open\n\n');
        return reply;
      },
    );
    app.get(
      '/api/v1/test-silent/:id',
      {
        config: { access: 'connections:read' },
        schema: { tags: ['test'], summary: 'silent', response: { 200: z.any() } },
      },
      async (_request, reply) => reply,
    );
  },
};

forEachDatabase(
  'a probe reads a stream’s status without waiting for its end, and gives up on silence',
  async (t, database) => {
    const server = await startTestServer(database, { modules: [streams] });
    t.after(() => server.app.close());
    const base = await listen(server.app);
    const stream = await probe(base, { method: 'GET', path: '/api/v1/test-stream' });
    assert.equal(stream.status, 401, 'without a credential the stream is refused at once');
    assert.equal(
      fillPath('/api/v1/test-silent/:id'),
      '/api/v1/test-silent/00000000-0000-4000-8000-000000000000',
    );
    const silent = await probe(base, { method: 'GET', path: fillPath('/api/v1/test-silent/:id') }, 300);
    assert.equal(silent.status, 401);

    const viewer = await addPerson(server.deps.db, server.deps.now(), 'viewer');
    const open = await probe(base, {
      method: 'GET',
      path: '/api/v1/test-stream',
      headers: { authorization: viewer.bearer },
    });
    assert.equal(open.status, 200);
    assert.match(open.contentType, /text\/event-stream/);
    assert.equal(open.body, undefined);
    const waiting = await probe(
      base,
      { method: 'GET', path: fillPath('/api/v1/test-silent/:id'), headers: { authorization: viewer.bearer } },
      300,
    );
    assert.equal(waiting.timedOut, true);
  },
);

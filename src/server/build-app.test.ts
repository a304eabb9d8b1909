import assert from 'node:assert/strict';
import { z } from 'zod';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { toolInfo } from '../report/tool-info.ts';
import { healthModule } from './modules/health.ts';
import type { ServerModule } from './server-module.ts';
import { startTestServer } from './testing/test-server.ts';

forEachDatabase(
  'the health route answers ok with the database reachable, without a credential',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().database, 'ok');
    assert.equal(res.json().version, toolInfo().version, "the version is the package's");
    assert.ok(res.headers['x-request-id']);
  },
);

forEachDatabase(
  'the OpenAPI document lists the routes with their schemas, and the docs page is served',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/health'].get.responses['200']);
    const docs = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  },
);

forEachDatabase(
  'an unknown route answers 404 in the error shape with the request id',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    const body = res.json();
    assert.equal(body.error.code, 'route_not_found');
    assert.equal(body.error.requestId, res.headers['x-request-id']);
  },
);

forEachDatabase('a route without a declared permission stops the server at start', async (_t, database) => {
  const unchecked: ServerModule = {
    name: 'unchecked',
    register(app) {
      app.get('/api/v1/unchecked', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
    },
  };
  await assert.rejects(
    startTestServer(database, { modules: [healthModule, unchecked] }),
    /declares no permission/,
  );
});

forEachDatabase(
  'a route that changes something without an audit action stops the server at start',
  async (_t, database) => {
    const unaudited: ServerModule = {
      name: 'unaudited',
      register(app) {
        app.post('/api/v1/unaudited', { config: { access: 'account' } }, async () => ({}));
      },
    };
    await assert.rejects(startTestServer(database, { modules: [unaudited] }), /declares no config.audit/);
  },
);

forEachDatabase('a protected route refuses a request without a credential with 401', async (t, database) => {
  const guarded: ServerModule = {
    name: 'guarded',
    register(app) {
      app.get('/api/v1/guarded', { config: { access: 'connections:read' } }, async () => ({ ok: true }));
    },
  };
  const server = await startTestServer(database, { modules: [guarded] });
  t.after(() => server.app.close());
  const res = await server.app.inject({ method: 'GET', url: '/api/v1/guarded' });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.code, 'authentication_required');
});

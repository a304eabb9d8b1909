import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { createEventBus, type EventBus } from '../jobs/events.ts';
import { createChangeSignal } from './change-signal.ts';
import './fastify-types.ts';
import { registerReadCache } from './read-cache.ts';

// A tiny server with one kept read (`/answer`, counting how often it is computed), one read that
// is not kept, and one change; the caller is named by a header.

interface World {
  app: FastifyInstance;
  events: EventBus;
  computed: () => number;
  clock: { ms: number };
  get(path: string, user?: string): Promise<{ status: number; body: string }>;
}

async function world(options: { slowMs?: number; failFirst?: boolean } = {}): Promise<World> {
  const app = Fastify();
  const events = createEventBus();
  const clock = { ms: 0 };
  let computed = 0;
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const user = String(request.headers['x-user'] ?? 'ana');
    request.principal = {
      user: { id: user, email: `${user}@example.com`, name: user, role: 'viewer', rights: [] },
      role: 'viewer',
      rights: [],
      via: { kind: 'token', tokenId: `t-${user}` },
    };
  });
  registerReadCache(app, {
    signal: createChangeSignal({ events, now: () => new Date('2026-12-07T10:00:00Z') }),
    clock: () => clock.ms,
  });
  app.get('/answer', { config: { access: 'findings:read', readCache: true } }, async (request, reply) => {
    computed++;
    if (options.slowMs) await new Promise((r) => setTimeout(r, options.slowMs));
    if (options.failFirst && computed === 1) return reply.code(503).send({ error: 'down' });
    return { computed, user: request.principal?.user.id, query: request.query };
  });
  app.post('/change', { config: { access: 'findings:triage' } }, async () => ({ ok: true }));
  app.post('/refused', { config: { access: 'findings:triage' } }, async (_request, reply) =>
    reply.code(400).send({ error: 'nothing to change' }),
  );
  await app.ready();
  return {
    app,
    events,
    clock,
    computed: () => computed,
    async get(path, user = 'ana') {
      const res = await app.inject({ method: 'GET', url: path, headers: { 'x-user': user } });
      return { status: res.statusCode, body: res.body };
    },
  };
}

test('a kept read is answered again without computing it, as JSON', async () => {
  const w = await world();
  const first = await w.get('/answer');
  const again = await w.app.inject({ method: 'GET', url: '/answer', headers: { 'x-user': 'ana' } });
  assert.equal(again.body, first.body);
  assert.match(String(again.headers['content-type']), /^application\/json/);
  assert.equal(w.computed(), 1);
  await w.app.close();
});

test('each caller and each query has its own answer', async () => {
  const w = await world();
  await w.get('/answer');
  assert.match((await w.get('/answer', 'bo')).body, /"user":"bo"/);
  assert.match((await w.get('/answer?severity=critical')).body, /critical/);
  assert.equal(w.computed(), 3);
  await w.app.close();
});

test('a change through the API, in this process or announced by another, makes the next read compute again', async () => {
  const w = await world();
  await w.get('/answer');
  await w.app.inject({ method: 'POST', url: '/change' });
  assert.match((await w.get('/answer')).body, /"computed":2/);
  w.events.publish({ type: 'data.changed', connectionId: '', data: {}, at: '2026-12-07T10:00:00Z' });
  assert.match((await w.get('/answer')).body, /"computed":3/);
  w.events.publish({ type: 'scan.finished', connectionId: 'c1', data: {}, at: '2026-12-07T10:00:00Z' });
  assert.match((await w.get('/answer')).body, /"computed":4/);
  await w.app.close();
});

test('a change announces itself to the other processes; scan progress changes nothing', async () => {
  const w = await world();
  const seen: string[] = [];
  w.events.subscribe((e) => seen.push(e.type));
  await w.get('/answer');
  w.events.publish({ type: 'scan.progress', connectionId: 'c1', data: {}, at: '2026-12-07T10:00:00Z' });
  assert.match((await w.get('/answer')).body, /"computed":1/);
  await w.app.inject({ method: 'POST', url: '/change' });
  assert.ok(seen.includes('data.changed'));
  await w.app.close();
});

test('a refused change keeps what is kept', async () => {
  const w = await world();
  await w.get('/answer');
  await w.app.inject({ method: 'POST', url: '/refused' });
  assert.match((await w.get('/answer')).body, /"computed":1/);
  await w.app.close();
});

test('an answer is kept for at most five seconds', async () => {
  const w = await world();
  await w.get('/answer');
  w.clock.ms = 4_999;
  assert.match((await w.get('/answer')).body, /"computed":1/);
  w.clock.ms = 5_000;
  assert.match((await w.get('/answer')).body, /"computed":2/);
  await w.app.close();
});

test('requests arriving together share one computation', async () => {
  const w = await world({ slowMs: 50 });
  const answers = await Promise.all(Array.from({ length: 20 }, () => w.get('/answer')));
  assert.equal(w.computed(), 1);
  assert.ok(answers.every((a) => a.status === 200 && a.body === answers[0]?.body));
  await w.app.close();
});

test('an error is not kept: the next read computes again', async () => {
  const w = await world({ failFirst: true });
  assert.equal((await w.get('/answer')).status, 503);
  const next = await w.get('/answer');
  assert.equal(next.status, 200);
  assert.match(next.body, /"computed":2/);
  await w.app.close();
});

/** A server whose one caller is Ana, its kept answers never too old. */
function cachedApp(options: { version?: () => Promise<string> } = {}): FastifyInstance {
  const app = Fastify();
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    request.principal = {
      user: { id: 'ana', email: 'ana@example.com', name: 'Ana', role: 'viewer', rights: [] },
      role: 'viewer',
      rights: [],
      via: { kind: 'token', tokenId: 't' },
    };
  });
  registerReadCache(app, {
    signal: createChangeSignal({ events: createEventBus(), now: () => new Date('2026-12-07T10:00:00Z') }),
    clock: () => 0,
    version: options.version,
  });
  return app;
}

test('an answer kept under another data version is computed again (a scan no event announced)', async () => {
  let version = 'v1';
  const app = cachedApp({ version: async () => version });
  let computed = 0;
  app.get('/answer', { config: { access: 'findings:read', readCache: true } }, async () => ({
    computed: ++computed,
  }));
  await app.inject('/answer');
  assert.equal((await app.inject('/answer')).json().computed, 1);
  version = 'v2';
  assert.equal((await app.inject('/answer')).json().computed, 2);
  await app.close();
});

test('a client that accepts gzip gets a large answer gzipped, the same bytes unzipped', async () => {
  const app = cachedApp();
  let computed = 0;
  app.get('/list', { config: { access: 'findings:read', readCache: true } }, async () => ({
    computed: ++computed,
    items: Array.from({ length: 200 }, (_, i) => ({ key: `app-${i}`, name: 'An app with a name' })),
  }));
  const plain = await app.inject('/list');
  assert.equal(plain.headers['content-encoding'], undefined);
  for (let i = 0; i < 2; i++) {
    const zipped = await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 4);
    assert.equal(gunzipSync(zipped.rawPayload).toString(), plain.body);
  }
  assert.equal(computed, 1);
  await app.close();
});

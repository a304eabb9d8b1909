import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { listAudit } from '../../src/audit/audit-log.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import type { EventBus } from '../../src/jobs/events.ts';
import { eventsModule } from '../../src/server/modules/events.ts';
import { scansModule } from '../../src/server/modules/scans.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { scanFixture } from './scans-fixture.ts';
import { scansTestApp } from './scans-test-app.ts';

// The scans routes and the event stream over HTTP, on both databases, against the simulated tiny
// tenant: rescan now (202, then 409 naming the running scan), the history with its dataset
// outcomes, cancel (200; 409 once finished), the permission each needs, and the Server-Sent Events
// a browser receives while a scan runs.

const TIMEOUT = { timeout: 120_000 };

forEachDatabase(
  'rescan now answers 202 with the queued scan, a second one 409 naming it, and the history shows it finished with its datasets',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    await f.slowDown(5);
    const service = f.service();
    service.start();
    const server = await scansTestApp(database, f, service, [scansModule]);
    t.after(() => server.app.close());
    server.as({ role: 'analyst', id: 'u-ana', name: 'Ana Lyst' });
    const url = `/api/v1/connections/${f.connectionId}/scans`;

    const accepted = await server.app.inject({ method: 'POST', url });
    assert.equal(accepted.statusCode, 202, accepted.body);
    const { scan } = accepted.json();
    assert.equal(scan.status, 'queued');
    assert.equal(scan.trigger, 'manual');
    assert.deepEqual(scan.requestedBy, { id: 'u-ana', name: 'u-ana' });

    const refused = await server.app.inject({ method: 'POST', url });
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(Object.keys(refused.json().error).sort(), ['code', 'message', 'requestId']);
    assert.equal(refused.json().error.code, 'scan_in_progress');
    assert.match(refused.json().error.message, new RegExp(`scan ${scan.id} .* is already (queued|running)`));

    await service.idle();
    const history = await server.app.inject({ method: 'GET', url: `${url}?limit=5` });
    assert.equal(history.statusCode, 200, history.body);
    const body = history.json();
    assert.equal(body.total, 1);
    assert.equal(body.nextCursor, null);
    const [done] = body.items;
    assert.equal(done.id, scan.id);
    assert.equal(done.status, 'success');
    assert.ok(done.calls > 0);
    assert.equal(typeof done.rateLimited, 'number');
    assert.equal(done.snapshotVersion, 1);
    assert.ok(done.durationSeconds >= 0);
    assert.ok(done.datasets.length > 0);
    assert.ok(done.datasets.every((d: { status: string; items?: number }) => typeof d.items === 'number'));

    const one = await server.app.inject({ method: 'GET', url: `${url}/${scan.id}` });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json().scan, done);

    const late = await server.app.inject({ method: 'DELETE', url: `${url}/${scan.id}` });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'scan_finished');

    const audit = await listAudit(database.db, { connectionId: f.connectionId });
    assert.deepEqual(
      audit.map((e) => [e.action, e.actor, e.details.scanId]),
      [['scan.request', 'u-ana', scan.id]],
    );
  },
  TIMEOUT,
);

forEachDatabase(
  'cancelling a queued scan answers 200 with it cancelled by the person, and is audited',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    // Not started: the scan stays queued until cancelled.
    const service = f.service();
    const server = await scansTestApp(database, f, service, [scansModule]);
    t.after(() => server.app.close());
    await database.db
      .insertInto('users')
      .values({
        id: 'u-ada',
        email: 'ada@example.com',
        name: 'Ada Admin',
        role: 'admin',
        rights: '[]',
        password_hash: null,
        created_at: '2026-11-01T00:00:00.000Z',
        created_by: null,
        updated_at: '2026-11-01T00:00:00.000Z',
        disabled_at: null,
      })
      .execute();
    server.as({ role: 'admin', id: 'u-ada' });
    const url = `/api/v1/connections/${f.connectionId}/scans`;
    const { scan } = (await server.app.inject({ method: 'POST', url })).json();
    const cancelled = await server.app.inject({ method: 'DELETE', url: `${url}/${scan.id}` });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().scan.status, 'cancelled');
    assert.equal(cancelled.json().scan.reason, 'cancelled by Ada Admin');
    assert.deepEqual(cancelled.json().scan.requestedBy, { id: 'u-ada', name: 'Ada Admin' });
    const audit = await listAudit(database.db, { action: 'scan.cancel' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.subject, `connection:${f.connectionId}`);

    // With it cancelled, a new scan may be requested.
    assert.equal((await server.app.inject({ method: 'POST', url })).statusCode, 202);
  },
  TIMEOUT,
);

forEachDatabase(
  'a viewer may read the history but not rescan, and an unknown connection or scan answers 404',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    const service = f.service();
    const server = await scansTestApp(database, f, service, [scansModule]);
    t.after(() => server.app.close());
    const url = `/api/v1/connections/${f.connectionId}/scans`;
    server.as(null);
    assert.equal((await server.app.inject({ method: 'GET', url })).statusCode, 401);
    server.as({ role: 'viewer' });
    assert.equal((await server.app.inject({ method: 'GET', url })).statusCode, 200);
    const refused = await server.app.inject({ method: 'POST', url });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'permission_required');
    server.as({ role: 'analyst' });
    const unknown = await server.app.inject({ method: 'POST', url: '/api/v1/connections/nope/scans' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'connection_not_found');
    assert.equal(
      (await server.app.inject({ method: 'GET', url: '/api/v1/connections/nope/scans' })).statusCode,
      404,
    );
    const noScan = await server.app.inject({ method: 'GET', url: `${url}/nope` });
    assert.equal(noScan.statusCode, 404);
    assert.equal(noScan.json().error.code, 'scan_not_found');
    const badLimit = await server.app.inject({ method: 'GET', url: `${url}?limit=0` });
    assert.equal(badLimit.statusCode, 400);
    assert.match(badLimit.json().error.message, /limit/);
    const badCursor = await server.app.inject({ method: 'GET', url: `${url}?cursor=garbage` });
    assert.equal(badCursor.statusCode, 400);
    assert.match(badCursor.json().error.message, /cursor/);
  },
  TIMEOUT,
);

forEachDatabase(
  'the real server refuses the scan routes and the event stream without a credential',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    for (const [method, url] of [
      ['GET', '/api/v1/connections/c/scans'],
      ['POST', '/api/v1/connections/c/scans'],
      ['DELETE', '/api/v1/connections/c/scans/s'],
      ['GET', '/api/v1/events'],
    ] as const) {
      const res = await server.app.inject({ method, url });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
    }
    const stream = server.app.routeTable.find((r) => r.url === '/api/v1/events');
    assert.equal(stream?.access, 'connections:read');
    assert.equal(stream?.stream, true);
    assert.ok(server.app.routeTable.filter((r) => r.url !== '/api/v1/events').every((r) => !r.stream));
  },
);

/** The bus, counting the listeners subscribed (one per open stream). */
function countingBus(bus: EventBus): EventBus & { listeners(): number } {
  let listeners = 0;
  return {
    publish: (event) => bus.publish(event),
    subscribe(listener) {
      listeners += 1;
      const unsubscribe = bus.subscribe(listener);
      return () => {
        listeners -= 1;
        unsubscribe();
      };
    },
    listeners: () => listeners,
  };
}

forEachDatabase(
  'the event stream sends a running scan’s progress and its end as Server-Sent Events, and forgets a client that left',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    await f.slowDown(5);
    const service = f.service();
    service.start();
    const bus = countingBus(f.events);
    const server = await scansTestApp(database, f, service, [scansModule, eventsModule], bus);
    t.after(() => server.app.close());
    server.as({ role: 'viewer' });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;

    const client = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { signal: client.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.ok(response.body);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${pattern}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/retry: \d+\n/);
    assert.equal(bus.listeners(), 1);

    server.as({ role: 'analyst' });
    const { scan } = (
      await server.app.inject({ method: 'POST', url: `/api/v1/connections/${f.connectionId}/scans` })
    ).json();
    await readUntil(/event: scan\.finished\ndata: .*\n\n/);
    const frames = text
      .split('\n\n')
      .filter((frame) => frame.startsWith('event: '))
      .map((frame) => {
        const [event, data] = frame.split('\n');
        return { type: event?.slice('event: '.length), data: JSON.parse(data?.slice('data: '.length) ?? '') };
      });
    const progress = frames.filter((e) => e.type === 'scan.progress');
    assert.ok(progress.length > 0);
    assert.ok(progress.every((e) => e.data.scanId === scan.id && e.data.connectionId === f.connectionId));
    assert.ok(progress.some((e) => e.data.progress.phase === 'syncing' && e.data.progress.total > 0));
    const finished = frames.find((e) => e.type === 'scan.finished');
    assert.equal(finished?.data.status, 'success');
    assert.ok(frames.some((e) => e.type === 'connection.status' && e.data.scanStatus === 'queued'));

    // A second client is still connected when the server closes: closing does not wait for it.
    const other = await fetch(`http://127.0.0.1:${port}/api/v1/events`);
    assert.equal(other.status, 200);
    assert.equal(bus.listeners(), 2);

    client.abort();
    const until = Date.now() + 5_000;
    while (bus.listeners() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.equal(bus.listeners(), 1);
    await service.idle();
    await server.app.close();
    assert.equal(bus.listeners(), 0);
    await other.body?.cancel();
  },
  TIMEOUT,
);

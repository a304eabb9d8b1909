import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { z } from 'zod';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { allows, RIGHTS, type RouteAccess } from '../../src/people/roles.ts';
import { createSession } from '../../src/people/sessions.ts';
import { addPeople, type TestPeople, type TestPerson } from '../../src/people/testing/people-fixtures.ts';
import { SERVER_MODULES } from '../../src/server/modules/index.ts';
import type { RouteEntry } from '../../src/server/route-table.ts';
import type { ServerModule } from '../../src/server/server-module.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { fillPath, listen, type ProbeAnswer, probe } from './route-probe.ts';

// The role × route matrix, generated from the route table of the full server: every route, for no
// credential and for each role (and a person holding the apps:revoke right), is refused exactly
// when roles.ts says so — 401 without a credential, 403 without the permission (403 right_required
// for a right) — and not refused otherwise. A route added by any module is in the table, so it
// cannot skip this test. Path parameters are a made-up id (404 is an allowed answer) and bodies
// `{}` (400 is an allowed answer): what is checked is the access decision, which comes first.

const ACCESS_REFUSALS = new Set([
  'authentication_required',
  'permission_required',
  'right_required',
  'csrf_required',
]);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

type Who = 'anonymous' | 'viewer' | 'analyst' | 'admin' | 'owner' | 'revoker';

function errorCode(answer: ProbeAnswer): string | undefined {
  try {
    return (JSON.parse(answer.body ?? '') as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function headCode(want: ReturnType<typeof expected>, answer: ProbeAnswer): string | undefined {
  if (answer.status === 401) return 'authentication_required';
  if (answer.status === 403) return want === 'allowed' ? 'permission_required' : String(want);
  return undefined;
}

function expected(
  access: RouteAccess,
  person: TestPerson | undefined,
): 'allowed' | 401 | 'permission_required' | 'right_required' {
  if (access === 'public') return 'allowed';
  if (!person) return 401;
  if (allows(person.role, person.rights, access)) return 'allowed';
  return (RIGHTS as readonly string[]).includes(access) ? 'right_required' : 'permission_required';
}

function describe(route: RouteEntry, who: string, answer: ProbeAnswer): string {
  return `${route.method} ${route.url} (access ${route.access}) as ${who}: ${answer.timedOut ? 'no answer' : answer.status} ${answer.body?.slice(0, 200) ?? ''}`;
}

function assertAnswer(
  route: RouteEntry,
  who: string,
  want: ReturnType<typeof expected>,
  answer: ProbeAnswer,
): void {
  // A HEAD answer has no body: its status alone tells.
  const code = route.method === 'HEAD' ? headCode(want, answer) : errorCode(answer);
  const message = describe(route, who, answer);
  if (want === 'allowed') {
    // Refusals are immediate: a streaming route that sends nothing before its first event was let through.
    if (answer.timedOut) {
      assert.ok(SAFE.has(route.method), message);
      return;
    }
    assert.ok(!ACCESS_REFUSALS.has(code ?? ''), message);
    // A public route may answer 401/403 about its own input (a wrong setup link). Any other route
    // that was let through never answers 401, and 403 only for a refusal of its own that is not
    // about the permission (no write consent for the connection named, say).
    if (route.access !== 'public') {
      assert.notEqual(answer.status, 401, message);
      if (answer.status === 403) assert.ok(code !== undefined && !ACCESS_REFUSALS.has(code), message);
    }
    return;
  }
  if (want === 401) {
    assert.equal(answer.status, 401, message);
    assert.equal(code, 'authentication_required', message);
    return;
  }
  assert.equal(answer.status, 403, message);
  assert.equal(code, want, message);
}

async function fullServer(t: TestContext, database: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  const people = await addPeople(server.deps.db, server.deps.now());
  const base = await listen(server.app);
  const routes = server.app.routeTable;
  assert.ok(routes.length > 10, 'the full server has its routes');
  return { server, people, base, routes };
}

async function walkEveryone(
  people: TestPeople,
  base: string,
  routes: readonly RouteEntry[],
): Promise<number> {
  const everyone: [Who, TestPerson | undefined][] = [
    ['anonymous', undefined],
    ['viewer', people.viewer],
    ['analyst', people.analyst],
    ['admin', people.admin],
    ['owner', people.owner],
    ['revoker', people.revoker],
  ];
  let checked = 0;
  for (const route of routes) {
    for (const [who, person] of everyone) {
      const answer = await probe(base, {
        method: route.method,
        path: fillPath(route.url),
        headers: person ? { authorization: person.bearer } : {},
        json: {},
      });
      assertAnswer(route, who, expected(route.access, person), answer);
      checked++;
    }
  }
  return checked;
}

forEachDatabase(
  'every route refuses exactly who roles.ts says: 401 without a credential, 403 without the permission',
  async (t, database) => {
    const { people, base, routes } = await fullServer(t, database);
    assert.equal(await walkEveryone(people, base, routes), routes.length * 6);
  },
  // Every route × six callers over real sockets: a few seconds idle, more under the full suite.
  { timeout: 180_000 },
);

// A probe route needing the right (beside the server's own, POST /api/v1/apps/{key}/actions): the
// matrix expects right_required from everyone without the right, owners included.
const revokeModule: ServerModule = {
  name: 'revoke-probe',
  register(app) {
    app.post(
      '/api/v1/test-apps/:key/revoke',
      {
        config: { access: 'apps:revoke', audit: 'app.revoke' },
        schema: {
          tags: ['test'],
          summary: 'needs the right',
          params: z.object({ key: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (_request, reply) => reply.code(204).send(null),
    );
  },
};

forEachDatabase(
  'a route needing the apps:revoke right answers 403 right_required to every role without it, owners included',
  async (t, database) => {
    const server = await startTestServer(database, { modules: [...SERVER_MODULES, revokeModule] });
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const base = await listen(server.app);
    const route = server.app.routeTable.find((r) => r.url === '/api/v1/test-apps/:key/revoke');
    assert.ok(route);
    assert.equal(await walkEveryone(people, base, [route]), 6);
    const owner = await probe(base, {
      method: 'POST',
      path: fillPath(route.url),
      headers: { authorization: people.owner.bearer },
      json: {},
    });
    assert.equal(errorCode(owner), 'right_required');
    const revoker = await probe(base, {
      method: 'POST',
      path: fillPath(route.url),
      headers: { authorization: people.revoker.bearer },
      json: {},
    });
    assert.equal(revoker.status, 204);
  },
);

forEachDatabase(
  'with the session cookie, every change needs the CSRF token and is then decided by the role alone',
  async (t, database) => {
    const { server, people, base, routes } = await fullServer(t, database);
    // A fresh session per request: signing out (DELETE /api/v1/session) must not end the next probe's.
    const session = () => createSession(server.deps.db, server.deps.now(), people.analyst.id);
    for (const route of routes) {
      const path = fillPath(route.url);
      const want = expected(route.access, people.analyst);
      if (!SAFE.has(route.method) && route.access !== 'public') {
        const s = await session();
        const without = await probe(base, {
          method: route.method,
          path,
          headers: { cookie: `palisade_session=${s.token}` },
          json: {},
        });
        assert.equal(without.status, 403, describe(route, 'analyst (cookie, no CSRF token)', without));
        assert.equal(
          errorCode(without),
          'csrf_required',
          describe(route, 'analyst (cookie, no CSRF token)', without),
        );
      }
      const s = await session();
      const answer = await probe(base, {
        method: route.method,
        path,
        headers: { cookie: `palisade_session=${s.token}`, 'x-csrf-token': s.csrfToken },
        json: {},
      });
      assertAnswer(route, 'analyst (cookie)', want, answer);
    }
  },
);

forEachDatabase(
  'a token acts with its own role when lower than its creator’s, on every route',
  async (t, database) => {
    const { server, people, base, routes } = await fullServer(t, database);
    const { createApiToken } = await import('../../src/people/api-tokens.ts');
    const { token } = await createApiToken(
      server.deps.db,
      server.deps.now(),
      { id: people.owner.id, role: 'owner' },
      {
        name: 'read only',
        role: 'viewer',
        expiresInDays: 1,
      },
    );
    const asViewer: TestPerson = { ...people.owner, role: 'viewer', rights: [], bearer: `Bearer ${token}` };
    for (const route of routes) {
      const answer = await probe(base, {
        method: route.method,
        path: fillPath(route.url),
        headers: { authorization: asViewer.bearer },
        json: {},
      });
      assertAnswer(route, "owner's viewer token", expected(route.access, asViewer), answer);
    }
  },
);

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { addPeople } from '../../src/people/testing/people-fixtures.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { fillPath, keysOf, listen, MADE_UP_ID, palisadeRoutes, probe } from './route-probe.ts';

// Fuzzing every route of the full server, as an owner (so the access check lets everything
// through to the input handling): random path parameters, query strings and bodies — any JSON,
// long strings, unicode, numbers, nesting, and objects with the route's own field names holding
// the wrong things. Whatever comes in, the answer is below 500, an error is the JSON error shape
// with a code, and no answer carries a stack trace. The route table is walked, so routes added
// by any module are fuzzed too. A streaming route's body is not read (route-probe.ts).

// A fixed seed keeps CI repeatable; change it (or raise the runs) to explore further.
const SEED = 7_122_026;
const RUNS_PER_ROUTE = 30;
// A failure found on inputs of kilobytes shrinks for minutes, each step a request: past this time
// per route fast-check stops and reports the smallest failing input found so far (a failure found
// stays a failure; a route with no failure yet is not failed for it).
const MS_PER_ROUTE = 15_000;
const STACK_TRACE = /\n\s+at |\bat [^\s]+ \(|\.ts:\d+:\d+|node:internal|\/work\//;

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 1000, maxLength: 5000 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'null',
    'true',
    '..',
    '%00',
    '\u0000',
    '{{x}}',
    '<script>',
    MADE_UP_ID,
  ),
);

const value = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(null, true, false, [], {}, 0, -1, 366, 2 ** 53),
);

function bodyFor(schema: unknown) {
  const keys = keysOf(schema);
  const shaped = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] })
    : fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 5 });
  return fc.oneof(fc.jsonValue({ maxDepth: 4 }), shaped, shaped);
}

function queryFor(schema: unknown) {
  const keys = keysOf(schema);
  const key = keys.length
    ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 }))
    : fc.string({ maxLength: 10 });
  return fc.dictionary(key, text, { maxKeys: 6 });
}

forEachDatabase(
  'every route answers any input with a 2xx, 3xx or 4xx, errors as JSON with a code, never a stack trace',
  async (t, database) => {
    const server = await startTestServer(database);
    t.after(() => server.app.close());
    const people = await addPeople(server.deps.db, server.deps.now());
    const base = await listen(server.app);
    const routes = palisadeRoutes(server.app.routeTable);
    assert.ok(routes.length > 10);
    for (const route of routes) {
      const schema = route.schema as { body?: unknown; querystring?: unknown } | undefined;
      const input = fc.record({
        param: text,
        query: queryFor(schema?.querystring),
        body: bodyFor(schema?.body),
      });
      await fc
        .assert(
          fc.asyncProperty(input, async ({ param, query, body }) => {
            const search = new URLSearchParams(Object.entries(query)).toString();
            const path = `${fillPath(route.url, () => param)}${search ? `?${search}` : ''}`;
            const answer = await probe(base, {
              method: route.method,
              path,
              headers: { authorization: people.owner.bearer },
              json: body,
            });
            const what = `${route.method} ${route.url} → ${answer.status}: ${answer.body?.slice(0, 300)}`;
            if (answer.timedOut) {
              // Only a stream (it sends its headers with its first event) may take this long.
              assert.ok(
                route.stream,
                `${route.method} ${route.url} did not answer within 5 s (path ${path})`,
              );
              return;
            }
            assert.ok(answer.status < 500, what);
            if (answer.body !== undefined) assert.doesNotMatch(answer.body, STACK_TRACE, what);
            // The API answers errors as JSON; the pages behind printed links (/setup, /invite) show
            // the form again with the reason, as HTML.
            if (answer.status >= 400 && route.method !== 'HEAD' && route.url.startsWith('/api/')) {
              const parsed = JSON.parse(answer.body ?? '') as {
                error?: { code?: unknown; message?: unknown };
              };
              assert.equal(typeof parsed.error?.code, 'string', what);
              assert.equal(typeof parsed.error?.message, 'string', what);
            }
          }),
          { seed: SEED, numRuns: RUNS_PER_ROUTE, interruptAfterTimeLimit: MS_PER_ROUTE },
        )
        .catch((error: unknown) => {
          // fast-check keeps the failing assertion as the cause; the test report should name it.
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
          throw new Error(
            `${route.method} ${route.url}: ${cause}\n${error instanceof Error ? error.message.slice(0, 2000) : error}`,
          );
        });
    }
  },
  // Every route × 30 inputs: seconds on an idle machine, more with the suite's other files beside it.
  { timeout: 180_000 },
);

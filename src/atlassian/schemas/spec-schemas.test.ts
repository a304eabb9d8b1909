import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { endpoints } from '../catalogue/index.ts';
import { SchemaDriftError } from './drift-error.ts';
import { readablePath } from './json-path.ts';
import { generalPath } from './response-drift.ts';
import { edited, probes, valueOfAnotherType } from './schema-probes.test-support.ts';
import { fetchSample, sampleRequests } from './simulator-samples.test-support.ts';
import { readGeneratedSchemas } from './spec-validators.ts';
import { createResponseValidator } from './validate-response.ts';

// Every endpoint with an official spec: what the simulator (held to the same specs by
// test/contract) answers is read without a word; a list item without a field Palisade relies on
// is left out and counted, the same field outside any item makes the body unusable (a
// SchemaDriftError naming the endpoint and the field), and another type in a field Palisade does
// not rely on is a warning naming it.

const schemas = readGeneratedSchemas();
const specEndpoints = endpoints.filter((e) => e.spec && Object.hasOwn(schemas, e.id));

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

function driftOf(fn: () => void): SchemaDriftError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SchemaDriftError) return error;
    throw error;
  }
  assert.fail('expected a SchemaDriftError');
}

/**
 * Endpoints whose answers hold no field Palisade relies on, though a component they share with
 * other endpoints does (Confluence v1 member lists reach `Group` through `Space`).
 */
const NOTHING_RELIED_ON = new Set(['confluence.groupMembers.list']);
const hasRelied = (id: string, schema: unknown): boolean =>
  !NOTHING_RELIED_ON.has(id) && JSON.stringify(schema).includes('"x-relied-on"');

test('every endpoint with a spec JSON body has a generated schema and a sample request', () => {
  const missing = endpoints
    .filter((e) => e.spec && e.spec.status !== '204')
    .filter((e) => !Object.hasOwn(schemas, e.id) || !sampleRequests[e.id])
    .map((e) => e.id);
  assert.deepEqual(missing, []);
});

describe('spec endpoints', () => {
  const validator = createResponseValidator();
  const read = (id: string, body: unknown) => validator.validate(id, body).settle();
  for (const e of specEndpoints) {
    test(`${e.id}: a real response is read as it is, an unusable item is left out, other drift is a warning`, async () => {
      const schema = schemas[e.id] as Record<string, unknown>;
      for (const req of sampleRequests[e.id] ?? []) {
        const label = `${e.id}${req.label ? ` ${req.label}` : ''}`;
        const body = await fetchSample(h, e.id, req);
        assert.equal(
          read(e.id, structuredClone(body)).drift,
          null,
          `${label}: the simulator's answer matches`,
        );

        const found = probes(schema, body);
        const inItem = (p: { path: (string | number)[] }) => p.path.some((s) => typeof s === 'number');
        const relied = [
          found.find((p) => p.relied && !inItem(p)),
          found.find((p) => p.relied && inItem(p)),
        ].filter((p) => p !== undefined);
        for (const probe of relied) {
          const broken = edited(body, probe.path, (parent, key) => {
            delete parent[key];
          });
          if (inItem(probe)) {
            const settled = read(e.id, broken);
            assert.equal(settled.removed.size, 1, `${label}: one item left out`);
            assert.deepEqual(
              settled.drift?.skipped.map((s) => [s.field, s.problem]),
              [[generalPath(readablePath(probe.path)), 'is missing']],
              label,
            );
          } else {
            const drift = driftOf(() => read(e.id, broken));
            assert.equal(drift.endpointId, e.id);
            assert.equal(drift.field, readablePath(probe.path), `${label}: ${drift.message}`);
            assert.match(drift.expected, /^required /);
            assert.ok(drift.message.startsWith(`Atlassian's response for ${e.id} no longer matches: `));
          }
          const extra = edited(body, probe.path, (parent) => {
            parent.palisadeUnknownField = { nested: [1, 2, 3] };
          });
          assert.equal(read(e.id, extra).drift, null, `${label}: extra fields are accepted`);
        }

        const typed = found.find((p) => !p.relied && p.types.length > 0 && !p.types.includes('object'));
        if (typed) {
          const settled = read(
            e.id,
            edited(body, typed.path, (parent, key) => {
              parent[key] = valueOfAnotherType(typed.types);
            }),
          );
          assert.equal(settled.removed.size, 0, `${label}: nothing left out for a field not relied on`);
          assert.ok(
            settled.drift?.warnings.some((w) => w.field === generalPath(readablePath(typed.path))),
            `${label}: warned about ${readablePath(typed.path)}: ${JSON.stringify(settled.drift)}`,
          );
        }
        assert.ok(relied.length > 0 || !hasRelied(e.id, schema), `${label}: no relied-on field to remove`);
      }
    });
  }
});

test('the top of the body is checked too: an object where an array is documented is unusable', () => {
  const validator = createResponseValidator();
  const drift = driftOf(() => validator.validate('jira.users.search', { values: [] }));
  assert.equal(drift.field, '(body)');
  assert.equal(drift.expected, 'array');
  assert.match(drift.message, /\(body\) is an object \(expected: array\)/);
});

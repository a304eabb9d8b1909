import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { endpoints } from '../catalogue/index.ts';
import { SchemaDriftError } from './drift-error.ts';
import { readablePath } from './json-path.ts';
import { edited, probes, valueOfAnotherType } from './schema-probes.test-support.ts';
import { fetchSample, sampleRequests } from './simulator-samples.test-support.ts';
import { readGeneratedSchemas } from './spec-validators.ts';
import { createResponseValidator } from './validate-response.ts';

// Every endpoint with an official spec: its generated schema accepts what the simulator (held to
// the same specs by test/contract) answers, and a response with a required field removed or
// given another type is a SchemaDriftError naming the endpoint and the field.

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

test('every endpoint with a spec JSON body has a generated schema and a sample request', () => {
  const missing = endpoints
    .filter((e) => e.spec && e.spec.status !== '204')
    .filter((e) => !Object.hasOwn(schemas, e.id) || !sampleRequests[e.id])
    .map((e) => e.id);
  assert.deepEqual(missing, []);
});

describe('spec endpoints', () => {
  const validator = createResponseValidator();
  for (const e of specEndpoints) {
    test(`${e.id}: a real response passes, extra fields pass, a missing or mistyped field is named`, async () => {
      const schema = schemas[e.id] as Record<string, unknown>;
      for (const req of sampleRequests[e.id] ?? []) {
        const label = `${e.id}${req.label ? ` ${req.label}` : ''}`;
        const body = await fetchSample(h, e.id, req);
        assert.doesNotThrow(() => validator.validate(e.id, body), label);

        const found = probes(schema, body);
        // The first required field, and the first inside a list item (`values[0].key`).
        const removable = [
          found.find((p) => p.required),
          found.find((p) => p.required && p.path.some((s) => typeof s === 'number')),
        ].filter((p) => p !== undefined);
        for (const required of new Set(removable)) {
          const drift = driftOf(() =>
            validator.validate(
              e.id,
              edited(body, required.path, (parent, key) => {
                delete parent[key];
              }),
            ),
          );
          assert.equal(drift.endpointId, e.id);
          assert.equal(drift.field, readablePath(required.path), `${label}: ${drift.message}`);
          assert.match(drift.expected, /^required /);
          assert.ok(drift.message.startsWith(`Atlassian's response for ${e.id} no longer matches: `));

          const extra = edited(body, required.path, (parent) => {
            parent.palisadeUnknownField = { nested: [1, 2, 3] };
          });
          assert.doesNotThrow(() => validator.validate(e.id, extra), `${label}: extra fields are accepted`);
        }

        const typed =
          found.find((p) => p.required && p.types.length > 0) ?? found.find((p) => p.types.length > 0);
        if (typed) {
          const drift = driftOf(() =>
            validator.validate(
              e.id,
              edited(body, typed.path, (parent, key) => {
                parent[key] = valueOfAnotherType(typed.types);
              }),
            ),
          );
          assert.equal(drift.field, readablePath(typed.path), `${label}: ${drift.message}`);
        }
        // jira.projectRoles (a name → URL map) declares no required field; everything else does.
        assert.ok(
          removable.length > 0 || e.id === 'jira.projectRoles',
          `${label}: no required field to remove`,
        );
        assert.ok(typed, `${label}: the response has no typed field to break`);
      }
    });
  }
});

test('the top of the body is checked too: an object where an array is documented is drift', () => {
  const validator = createResponseValidator();
  const drift = driftOf(() => validator.validate('jira.users', { values: [] }));
  assert.equal(drift.field, '(body)');
  assert.equal(drift.expected, 'array');
  assert.match(drift.message, /\(body\) is an object \(expected: array\)/);
});

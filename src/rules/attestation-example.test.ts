import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleValue, subjectJsonSchema } from './attestation-example.ts';
import { ATTESTATION_SUBJECTS, SUBJECT_NAMES } from './attestation-subjects.ts';

test('every attestation subject has an example value its own schema accepts', () => {
  for (const name of SUBJECT_NAMES) {
    const subject = ATTESTATION_SUBJECTS[name];
    const result = subject.schema.safeParse(exampleValue(subject));
    assert.ok(result.success, `${name}: ${result.error?.message}`);
  }
});

test("a subject's JSON Schema names its fields and which are required", () => {
  const schema = subjectJsonSchema(ATTESTATION_SUBJECTS['attested.external-user-policy']);
  assert.equal(schema.type, 'object');
  assert.deepEqual(schema.required, ['enabled']);
  assert.ok('reverifyEveryDays' in (schema.properties as object));
  assert.equal(schema.$schema, undefined);
});

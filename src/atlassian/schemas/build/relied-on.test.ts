import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireReliedOn } from './relied-on.ts';

test('relied-on fields join the required list, also inside inline objects', () => {
  const schema = {
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string' },
      principal: { type: 'object', properties: { type: { type: 'string' } } },
    },
  };
  requireReliedOn(schema, ['id', 'principal', 'principal.type'], 'X');
  assert.deepEqual(schema.required, ['id', 'principal']);
  assert.deepEqual((schema.properties.principal as { required?: string[] }).required, ['type']);
});

test('a relied-on field the spec does not declare fails generation', () => {
  assert.throws(
    () =>
      requireReliedOn({ type: 'object', properties: { id: { type: 'string' } } }, ['accountid'], 'jira User'),
    /jira User: relied-on field "accountid" is not a property the spec declares/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NormaliseContext, normaliseSchema } from './normalise.ts';
import type { JsonObject } from './spec-files.ts';

// The OpenAPI 3.0 → draft-07 bridge, one quirk of the specs at a time.

function ctx(targets: Record<string, JsonObject> = {}): NormaliseContext & { refs: string[] } {
  const refs: string[] = [];
  return {
    refs,
    ref(ref) {
      refs.push(ref);
      return `#/definitions/${ref.split('/').pop()}`;
    },
    target: (ref) => targets[ref],
  };
}

test('nullable becomes a null type, and null joins an enum', () => {
  assert.deepEqual(normaliseSchema(ctx(), { type: 'string', nullable: true, enum: ['a'] }, 'x'), {
    type: ['string', 'null'],
    enum: ['a', null],
  });
});

test('nullable beside a combinator or a $ref wraps the schema in anyOf with null', () => {
  const c = ctx();
  assert.deepEqual(normaliseSchema(c, { $ref: '#/components/schemas/User', nullable: true }, 'x'), {
    anyOf: [{ $ref: '#/definitions/User' }, { type: 'null' }],
  });
  assert.deepEqual(normaliseSchema(c, { allOf: [{ type: 'object' }], nullable: true }, 'x'), {
    anyOf: [{ allOf: [{ type: 'object' }] }, { type: 'null' }],
  });
  assert.deepEqual(c.refs, ['#/components/schemas/User']);
});

test('siblings of $ref are ignored, as OpenAPI 3.0 says', () => {
  assert.deepEqual(
    normaliseSchema(
      ctx(),
      { type: 'object', description: 'The lead', $ref: '#/components/schemas/User' },
      'x',
    ),
    { $ref: '#/definitions/User' },
  );
});

test('closed objects are opened: unknown extra fields are accepted; maps keep their value schema', () => {
  const out = normaliseSchema(
    ctx(),
    {
      type: 'object',
      additionalProperties: false,
      properties: { roles: { type: 'object', additionalProperties: { type: 'string', format: 'uri' } } },
    },
    'x',
  );
  assert.deepEqual(out, {
    type: 'object',
    properties: { roles: { type: 'object', additionalProperties: { type: 'string', format: 'uri' } } },
  });
});

test('writeOnly properties are not required in responses; readOnly ones stay required', () => {
  const out = normaliseSchema(
    ctx({ '#/components/schemas/Password': { type: 'string', writeOnly: true } }),
    {
      type: 'object',
      required: ['id', 'password', 'secret'],
      properties: {
        id: { type: 'string', readOnly: true },
        password: { $ref: '#/components/schemas/Password' },
        secret: { type: 'string', writeOnly: true },
      },
    },
    'x',
  );
  assert.deepEqual(out.required, ['id']);
  assert.deepEqual(out.properties, {
    id: { type: 'string' },
    password: { $ref: '#/definitions/Password' },
    secret: { type: 'string' },
  });
});

test('value refinements, discriminators and documentation are dropped; formats stay as annotations', () => {
  const out = normaliseSchema(
    ctx(),
    {
      type: 'string',
      format: 'html-links-only',
      pattern: '[a-z]+\n',
      maxLength: 10,
      example: 'x',
      'x-atlassian-note': 1,
      discriminator: { propertyName: 'type' },
      description: 'kept',
    },
    'x',
  );
  assert.deepEqual(out, { type: 'string', format: 'html-links-only', description: 'kept' });
});

test('Swagger 2 style `required: true` on a property is ignored', () => {
  assert.deepEqual(normaliseSchema(ctx(), { type: 'string', required: true }, 'x'), { type: 'string' });
});

test('a keyword the generator does not know fails generation, naming where it is', () => {
  assert.throws(
    () =>
      normaliseSchema(
        ctx(),
        { type: 'object', properties: { a: { type: 'string', patternProperties: {} } } },
        'User',
      ),
    /User\.properties\.a: the schema keyword "patternProperties" is not handled/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Field, fieldsOf, GraphQLRequestError, parseDocument, resolveValue } from './graphql-parse.ts';

// The GraphQL document reader the gateway simulation uses to find its one operation.

test('an operation’s variables, defaults, arguments and nested selections are read', () => {
  const doc = parseDocument(`
    # a comment
    query Inv($ctx: String!, $after: String = "start", $first: Int = 10) @live {
      ecosystem {
        list: appInstallationsByContext(filter: {appInstallations: {contexts: [$ctx, "lit"]}}, first: $first, after: $after) {
          nodes { app { id } }
        }
      }
    }`);
  const op = doc.operations[0];
  assert.equal(op?.name, 'Inv');
  assert.equal(op?.type, 'query');
  assert.deepEqual(Object.keys(op?.defaults ?? {}), ['ctx', 'after', 'first']);
  assert.equal(resolveValue(op?.defaults.first, {}), 10);
  const ecosystem = op?.selections[0] as Field;
  const list = ecosystem.selections[0] as Field;
  assert.deepEqual([list.alias, list.name], ['list', 'appInstallationsByContext']);
  assert.deepEqual(resolveValue(list.args.filter, { ctx: 'ari:x' }), {
    appInstallations: { contexts: ['ari:x', 'lit'] },
  });
  assert.equal(resolveValue(list.args.after, {}), undefined);
});

test('strings with escapes, block strings, numbers, booleans, null and enums become JSON values', () => {
  const doc = parseDocument(
    '{ f(a: "q\\"\\u0041\\n", b: """raw "text" """, c: -1.5e2, d: true, e: null, g: PRODUCTION) }',
  );
  const args = (doc.operations[0]?.selections[0] as Field | undefined)?.args ?? {};
  const values = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, resolveValue(v, {})]));
  assert.deepEqual(values, { a: 'q"A\n', b: 'raw "text" ', c: -150, d: true, e: null, g: 'PRODUCTION' });
});

test('fragment spreads and inline fragments are merged into the selection', () => {
  const doc = parseDocument(`
    query { a { ...F ... on T { c } ... @include(if: true) { d } } }
    fragment F on T { b }`);
  const a = doc.operations[0]?.selections[0] as Field;
  assert.deepEqual(
    fieldsOf(a.selections, doc.fragments).map((f) => f.name),
    ['b', 'c', 'd'],
  );
});

test('syntax errors carry their line and column; unknown fragments are validation errors', () => {
  try {
    parseDocument('{\n  a {\n    b(x: ) }');
    assert.fail('expected a syntax error');
  } catch (error) {
    assert.ok(error instanceof GraphQLRequestError);
    assert.equal(error.classification, 'InvalidSyntax');
    assert.deepEqual(error.location, { line: 3, column: 10 });
  }
  const doc = parseDocument('{ a { ...Missing } }');
  const a = doc.operations[0]?.selections[0] as Field;
  assert.throws(
    () => fieldsOf(a.selections, doc.fragments),
    (e: unknown) => e instanceof GraphQLRequestError && e.classification === 'ValidationError',
  );
  assert.throws(() => parseDocument(''), GraphQLRequestError);
  assert.throws(() => parseDocument('{ a } }'), GraphQLRequestError);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isA, pointerSegments, readablePath } from './json-path.ts';

test('paths read like code: indexes in brackets, names dotted, odd names quoted', () => {
  assert.equal(readablePath(['values', 3, 'accountId']), 'values[3].accountId');
  assert.equal(readablePath([0, 'scopes']), '[0].scopes');
  assert.equal(readablePath(['roles', 'Service Desk Team']), 'roles["Service Desk Team"]');
  assert.equal(readablePath([]), '(body)');
});

test('a JSON pointer turns digits into indexes only where the body has an array', () => {
  const body = { values: [{ byId: { '10000': 'x' } }] };
  assert.deepEqual(pointerSegments('/values/0/byId/10000', body), ['values', 0, 'byId', '10000']);
  assert.deepEqual(pointerSegments('/a~1b/c~0d', {}), ['a/b', 'c~d']);
});

test('types are named with their article', () => {
  assert.equal(isA({}), 'is an object');
  assert.equal(isA(1), 'is an integer');
  assert.equal(isA(1.5), 'is a number');
  assert.equal(isA(null), 'is null');
  assert.equal(isA([]), 'is an array');
});

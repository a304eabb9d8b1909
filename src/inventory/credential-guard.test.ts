import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoCredentials, findCredentialField } from './credential-guard.ts';
import { hashItem } from './item-hash.ts';

test('credential-named fields are found wherever they are nested', () => {
  assert.equal(findCredentialField({ apiToken: 'x' }), '$.apiToken');
  assert.equal(findCredentialField({ a: [{ b: { refresh_token: 'x' } }] }), '$.a[0].b.refresh_token');
  assert.equal(findCredentialField({ headers: { Authorization: 'Basic x' } }), '$.headers.Authorization');
  assert.equal(findCredentialField({ 'client-secret': 'x' }), '$.client-secret');
  assert.throws(() => assertNoCredentials('org.users', 'u1', { password: 'hunter2' }), {
    code: 'credential_in_data',
    message: /\$\.password/,
  });
});

test('metadata about credentials is not mistaken for a credential', () => {
  assert.equal(
    findCredentialField({ apiTokens: [{ label: 'ci', createdAt: 'x' }], passwordPolicy: 'strong' }),
    undefined,
  );
  assert.equal(findCredentialField({ secret: null, hasSecret: true, tokenCount: 2 }), undefined);
  assert.equal(findCredentialField(['password', 'apiToken']), undefined);
});

test('an item hash ignores key order and changes with any value', () => {
  assert.equal(
    hashItem({ a: 1, b: { c: 2, d: [1, 2] } }).hash,
    hashItem({ b: { d: [1, 2], c: 2 }, a: 1 }).hash,
  );
  assert.notEqual(hashItem({ a: 1 }).hash, hashItem({ a: 2 }).hash);
  assert.notEqual(hashItem({ a: [1, 2] }).hash, hashItem({ a: [2, 1] }).hash);
  assert.equal(hashItem({ a: 1, b: undefined }).json, '{"a":1}');
});

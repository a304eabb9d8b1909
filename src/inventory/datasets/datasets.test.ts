import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { ENDPOINT_OPERATIONS, endpoint, endpoints } from '../../atlassian/catalogue/index.ts';
import { dataset, datasets } from './index.ts';
import { isCredentialKey } from './secret-keys.ts';

/** Every object key a schema declares, nested ones included. */
function keysOf(schema: z.ZodType, path = ''): string[] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, v]) => [
      `${path}${k}`,
      ...keysOf(v, `${path}${k}.`),
    ]);
  }
  if (schema instanceof z.ZodArray) return keysOf(schema.element as z.ZodType, path);
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    return keysOf(schema.unwrap() as z.ZodType, path);
  }
  return [];
}

test('every dataset has a unique name of the form area.name, and a lookup finds it', () => {
  const names = datasets.map((d) => d.name);
  assert.equal(new Set(names).size, names.length);
  for (const d of datasets) {
    assert.match(d.name, /^(org|jira|confluence|apps|dc|bitbucket)\.[a-z-]+$/);
    assert.equal(dataset(d.name), d);
  }
  assert.throws(() => dataset('jira.nope'), /Unknown dataset/);
});

test('no dataset schema declares a field that could hold a credential', () => {
  for (const d of datasets) {
    for (const key of keysOf(d.schema)) {
      const leaf = key.split('.').at(-1) ?? key;
      assert.equal(isCredentialKey(leaf), false, `${d.name}: ${key}`);
    }
  }
  assert.equal(isCredentialKey('sharedSecret'), true);
  assert.equal(isCredentialKey('apiToken'), true);
  assert.equal(isCredentialKey('tokens'), false);
});

test('schemas drop fields they do not declare, so a secret in a response never reaches a record', () => {
  const parsed = dataset('org.api-tokens').schema.parse({
    accountId: 'a',
    tokens: [{ id: 't', label: 'x', createdAt: null, lastAccess: null, expiry: null, secret: 'ATATT3x' }],
    apiToken: 'ATATT3x',
  });
  assert.equal(JSON.stringify(parsed).includes('ATATT3x'), false);
});

test('every endpoint a dataset names is in the catalogue', () => {
  for (const d of datasets) for (const id of d.endpoints) assert.ok(endpoint(id), `${d.name}: ${id}`);
});

test('endpoint ids name an operation, so none can be read as a dataset name', () => {
  const names = new Set(datasets.map((d) => d.name));
  const operation = new RegExp(`^[a-z]+(\\.[a-zA-Z]+)+\\.(${ENDPOINT_OPERATIONS.join('|')})$`);
  for (const e of endpoints) {
    assert.match(e.id, operation);
    assert.equal(names.has(e.id), false, e.id);
  }
  for (const d of datasets) assert.equal(d.name.split('.').length, 2, d.name);
});

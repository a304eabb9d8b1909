import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSecrets } from './secrets.ts';

test('registered credentials, their Basic form and database passwords are masked', () => {
  const secrets = createSecrets();
  secrets.addBasic('a@acme.com', 'ATATT-token-value');
  const basic = Buffer.from('a@acme.com:ATATT-token-value').toString('base64');
  assert.equal(
    secrets.scrub(`token ATATT-token-value, header Basic ${basic}`),
    'token ***, header Basic ***',
  );
  assert.equal(
    secrets.scrub('cannot open postgres://palisade:hunter22@db:5432/x'),
    'cannot open postgres://palisade:***@db:5432/x',
  );
});

test('short values and undefined are not treated as secrets (they would mask ordinary words)', () => {
  const secrets = createSecrets();
  secrets.add(undefined, 'abc');
  assert.equal(secrets.scrub('abc def'), 'abc def');
});

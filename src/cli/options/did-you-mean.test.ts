import assert from 'node:assert/strict';
import { test } from 'node:test';
import { didYouMean } from './did-you-mean.ts';

test('a mistyped name is answered with the nearest known one, an unrelated one with nothing', () => {
  const known = ['site:acme:space:DOCS', 'site:acme:space:ROAD', 'org:user:5b10ac8d82e05b22cc7d4ef5'];
  assert.equal(didYouMean('site:acme:space:DCOS', known), ' — did you mean site:acme:space:DOCS?');
  assert.equal(
    didYouMean('org:user:5b10ac8d82e05b22cc7d4ef', known),
    ' — did you mean org:user:5b10ac8d82e05b22cc7d4ef5?',
  );
  assert.equal(didYouMean('nothing-like-it', known), '');
  assert.equal(didYouMean('x', []), '');
});

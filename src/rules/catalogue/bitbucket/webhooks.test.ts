import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostMatches, hostName, isRawAddress } from './webhooks.ts';

test('a host is compared without its port, in lower case, IPv6 brackets kept', () => {
  assert.equal(hostName('Hooks.Example.com:8443'), 'hooks.example.com');
  assert.equal(hostName('ci.example.com'), 'ci.example.com');
  assert.equal(hostName('[2001:db8::1]:443'), '[2001:db8::1]');
});

test('a wildcard pattern matches sub-domains only; a plain one matches exactly', () => {
  assert.ok(hostMatches('ci.example.com', '*.example.com'));
  assert.ok(!hostMatches('example.com', '*.example.com'));
  assert.ok(!hostMatches('badexample.com', '*.example.com'));
  assert.ok(hostMatches('example.com', 'Example.com'));
  assert.ok(!hostMatches('ci.example.com', 'example.com'));
});

test('IP addresses and localhost are raw addresses; names are not', () => {
  assert.ok(isRawAddress('198.51.100.7'));
  assert.ok(isRawAddress('[2001:db8::1]'));
  assert.ok(isRawAddress('localhost'));
  assert.ok(!isRawAddress('1password.example'));
  assert.ok(!isRawAddress('ci.example.com'));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEventBus } from '../../jobs/events.ts';
import type { TokenPrincipal } from '../../people/api-tokens.ts';
import { createChangeSignal } from '../change-signal.ts';
import { createTokenCache } from './token-cache.ts';

const NOW = new Date('2026-12-07T10:00:00Z');

function principal(expiresAt = '2026-12-08T00:00:00Z'): TokenPrincipal {
  return {
    user: {
      id: 'u1',
      email: 'ana@example.com',
      name: 'Ana',
      role: 'analyst',
      rights: [],
      disabled: false,
      createdAt: '2026-01-01T00:00:00Z',
      lastSignInAt: null,
    },
    tokenId: 't1',
    role: 'analyst',
    expiresAt,
  } as unknown as TokenPrincipal;
}

function setup() {
  const events = createEventBus();
  const signal = createChangeSignal({ events, now: () => NOW });
  const cache = createTokenCache(signal);
  let lookups = 0;
  let answer: TokenPrincipal | undefined = principal();
  const resolve = (now = NOW) =>
    cache.resolve('pls_secret', now, async () => {
      lookups++;
      return answer;
    });
  return {
    events,
    signal,
    resolve,
    lookups: () => lookups,
    set: (p: TokenPrincipal | undefined) => {
      answer = p;
    },
  };
}

test('a token that worked is not looked up again for a few seconds', async () => {
  const s = setup();
  await s.resolve();
  await s.resolve(new Date(NOW.getTime() + 4_999));
  assert.equal(s.lookups(), 1);
  await s.resolve(new Date(NOW.getTime() + 5_000));
  assert.equal(s.lookups(), 2);
});

test('a change through the API (a revocation, here or in another process) makes the next request look the token up', async () => {
  const s = setup();
  await s.resolve();
  s.set(undefined);
  s.signal.changed();
  assert.equal(await s.resolve(), undefined);
  s.set(principal());
  await s.resolve();
  s.set(undefined);
  s.events.publish({ type: 'data.changed', connectionId: '', data: {}, at: NOW.toISOString() });
  assert.equal(await s.resolve(), undefined);
});

test('a kept token past its expiry is refused without waiting', async () => {
  const s = setup();
  s.set(principal('2026-12-07T10:00:01Z'));
  assert.ok(await s.resolve());
  s.set(undefined);
  assert.equal(await s.resolve(new Date('2026-12-07T10:00:02Z')), undefined);
  assert.equal(s.lookups(), 2);
});

test('a token that did not work is never kept', async () => {
  const s = setup();
  s.set(undefined);
  await s.resolve();
  await s.resolve();
  assert.equal(s.lookups(), 2);
});

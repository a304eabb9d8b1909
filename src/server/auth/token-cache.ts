import { createHash } from 'node:crypto';
import type { TokenPrincipal } from '../../people/api-tokens.ts';
import type { ChangeSignal } from '../change-signal.ts';

// Who an API token acts as, kept for a few seconds: an integration polling the findings list
// sends the same token hundreds of times a second, and each resolution is a database round trip
// that queued behind the others (bench:api). Revoking a token, disabling its owner or changing a
// role is a change through the API, which moves the change signal in every process (a kept
// token is then resolved again); a token past its expiry is refused at once; what the API does
// not announce (a revocation written by a CLI on the same database) takes effect within
// TOKEN_CACHE_MAX_AGE_MS. Only tokens that worked are kept; keys are the tokens' hashes.

export const TOKEN_CACHE_MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Kept {
  found: TokenPrincipal;
  generation: number;
  at: number;
}

export interface TokenCache {
  resolve(
    token: string,
    now: Date,
    lookup: () => Promise<TokenPrincipal | undefined>,
  ): Promise<TokenPrincipal | undefined>;
}

export function createTokenCache(signal: ChangeSignal): TokenCache {
  const kept = new Map<string, Kept>();
  signal.onChange(() => kept.clear());
  return {
    async resolve(token, now, lookup) {
      const key = createHash('sha256').update(token).digest('base64url');
      const entry = kept.get(key);
      // The server's clock (tests move it); a clock set back does not keep a token longer.
      const at = now.getTime();
      if (
        entry &&
        entry.generation === signal.generation() &&
        Math.abs(at - entry.at) < TOKEN_CACHE_MAX_AGE_MS &&
        Date.parse(entry.found.expiresAt) > now.getTime()
      ) {
        return entry.found;
      }
      const generation = signal.generation();
      const found = await lookup();
      if (!found) {
        kept.delete(key);
        return undefined;
      }
      if (generation === signal.generation()) {
        if (kept.size >= MAX_ENTRIES) kept.clear();
        kept.set(key, { found, generation, at });
      }
      return found;
    },
  };
}

const CACHES = new WeakMap<ChangeSignal, TokenCache>();

export function tokenCacheOf(signal: ChangeSignal): TokenCache {
  let cache = CACHES.get(signal);
  if (!cache) {
    cache = createTokenCache(signal);
    CACHES.set(signal, cache);
  }
  return cache;
}

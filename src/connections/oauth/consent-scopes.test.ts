import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoint } from '../../atlassian/catalogue/index.ts';
import { DATASETS } from '../../inventory/datasets/index.ts';
import { CONSENT_SCOPES, NOT_REQUESTED_SCOPES, requestedScopes } from './consent-scopes.ts';

// The consent page's table is the scopes Palisade really needs: the classic 3LO scopes that the
// endpoints of its datasets declare in the catalogue, only the read-only ones, plus offline_access
// (refresh) and read:me. A new dataset needing a new scope fails here until the table says what it
// collects.

const ALWAYS = ['offline_access', 'read:me'];
const isReadOnly = (scope: string) => !/^(write|manage|delete)[:-]/.test(scope);

function scopesTheDatasetsNeed(): Set<string> {
  const needed = new Set<string>();
  for (const dataset of Object.values(DATASETS)) {
    for (const id of dataset.endpoints) {
      const e = endpoint(id);
      if (!e.auth.includes('oauth')) continue;
      for (const scope of e.oauthScopes) needed.add(scope);
    }
  }
  return needed;
}

test('every read-only scope the datasets need is requested, and nothing else but offline_access and read:me', () => {
  const needed = [...scopesTheDatasetsNeed()].filter(isReadOnly);
  const requested = CONSENT_SCOPES.map((s) => s.scope);
  assert.deepEqual([...requested].sort(), [...needed, ...ALWAYS].sort());
  assert.equal(new Set(requested).size, requested.length, 'each scope once');
});

test('every privilege requested is read-only', () => {
  for (const s of CONSENT_SCOPES) assert.ok(isReadOnly(s.scope), `${s.scope} is not read-only`);
  assert.doesNotMatch(requestedScopes(), /\b(write|manage|delete):/);
  assert.match(requestedScopes(), /(^| )offline_access( |$)/);
});

test('the scopes the datasets need but Palisade does not ask for are exactly the non-read-only ones, each explained', () => {
  const notReadOnly = [...scopesTheDatasetsNeed()].filter((s) => !isReadOnly(s)).sort();
  assert.deepEqual(NOT_REQUESTED_SCOPES.map((s) => s.scope).sort(), notReadOnly);
  for (const s of NOT_REQUESTED_SCOPES) assert.ok(s.why.length > 10);
});

test('every scope says what it lets Palisade read and the data it collects', () => {
  for (const s of CONSENT_SCOPES) {
    assert.ok(s.permission.length > 5, s.scope);
    assert.ok(s.data.length > 5, s.scope);
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bitbucketEndpoints } from '../../src/atlassian/catalogue/bitbucket.ts';

// The Bitbucket consent table (web/src/features/integrations/kind-consent.tsx, BITBUCKET_ROWS) is
// written by hand from the scopes the catalogue's Bitbucket endpoints declare: an endpoint needing
// a new permission fails here until the table says what it reads, and a row nothing needs any
// more fails too. The rows are read from the source: the module is JSX (Node cannot load it) and
// keeps the list to itself.

const CONSENT = new URL('../../web/src/features/integrations/kind-consent.tsx', import.meta.url);

/** The permission each BITBUCKET_ROWS row names, e.g. 'Repositories: Admin (repository:admin)'. */
function bitbucketRowPermissions(): string[] {
  const source = readFileSync(CONSENT, 'utf8');
  const block = /const BITBUCKET_ROWS[^=]*=\s*\[([\s\S]*?)\n\];/.exec(source)?.[1];
  assert.ok(block, 'kind-consent.tsx declares BITBUCKET_ROWS as an array');
  const permissions = [...block.matchAll(/permission:\s*'([^']*)'/g)].map((m) => m[1] ?? '');
  // Every row's permission was read: none was written in a form this reader misses.
  assert.equal(permissions.length, block.match(/\bpermission:/g)?.length ?? 0);
  assert.ok(permissions.length > 0, 'BITBUCKET_ROWS has rows');
  return permissions;
}

/** The scope a row names in its trailing parentheses: the name the access token's permission carries. */
function scopeOf(permission: string): string {
  const scope = /\(([^()]+)\)$/.exec(permission)?.[1];
  assert.ok(scope, `"${permission}" ends with its scope in parentheses`);
  return scope;
}

test('the Bitbucket consent lists exactly the permissions the Bitbucket endpoints an access token calls declare, each once', () => {
  const listed = bitbucketRowPermissions().map(scopeOf);
  assert.equal(new Set(listed).size, listed.length, `each permission once: ${listed.join(', ')}`);
  // The consent is for a workspace access token: endpoints only an API token calls (Basic) are not
  // what it is asked to grant.
  const needed = new Set(
    bitbucketEndpoints.filter((e) => e.auth.includes('access-token')).flatMap((e) => e.oauthScopes),
  );
  assert.deepEqual([...listed].sort(), [...needed].sort());
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitbucketEndpoints } from '../../src/atlassian/catalogue/bitbucket.ts';
import { BITBUCKET_ROWS } from '../../web/src/features/integrations/bitbucket-permissions.ts';

// The Bitbucket consent table (web/src/features/integrations/bitbucket-permissions.ts) is written
// by hand from the scopes the catalogue's Bitbucket endpoints declare: an endpoint needing a new
// permission fails here until the table says what it reads, and a row nothing needs any more fails
// too.

/** The scope a row names in its trailing parentheses: the name the access token's permission carries. */
function scopeOf(permission: string): string {
  const scope = /\(([^()]+)\)$/.exec(permission)?.[1];
  assert.ok(scope, `"${permission}" ends with its scope in parentheses`);
  return scope;
}

test('the Bitbucket consent lists exactly the permissions the Bitbucket endpoints an access token calls declare, each once', () => {
  const listed = BITBUCKET_ROWS.map((r) => scopeOf(r.permission));
  assert.equal(new Set(listed).size, listed.length, `each permission once: ${listed.join(', ')}`);
  // The consent is for a workspace access token: endpoints only an API token calls (Basic) are not
  // what it is asked to grant.
  const needed = new Set(
    bitbucketEndpoints.filter((e) => e.auth.includes('access-token')).flatMap((e) => e.oauthScopes),
  );
  assert.deepEqual([...listed].sort(), [...needed].sort());
});

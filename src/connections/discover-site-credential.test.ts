import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../../simulator/testing/harness.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import type { Credentials } from '../atlassian/credentials.ts';
import { discoverConnection } from './discover.ts';
import { DiscoveryError } from './discovery-error.ts';

// Discovery tells a classic API token from one created with scopes, and finds the account the
// site credential belongs to.

const h = useHarness();

function discover(credentials: Credentials) {
  return discoverConnection({
    sites: [h.siteA, h.siteB],
    credentials,
    orgId: TINY.orgId,
    allowHosts: [h.siteA, h.siteB, h.api, h.marketplace, h.auth].map((u) => new URL(u).host),
    baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth },
    options: { maxAttempts: 1 },
  });
}

const basic = (apiToken: string) => ({ kind: 'basic' as const, email: 'ada@acme.example', apiToken });

test('a classic API token stays on the site host, and discovery names its account', async () => {
  const found = await discover({ site: basic(TINY.adminToken), orgApiKey: TINY.orgKey });
  assert.equal(found.credentials.site?.kind === 'basic' && found.credentials.site.scoped, undefined);
  assert.deepEqual(
    found.sites.map((s) => [s.cloudId, s.products]),
    [
      [TINY.siteA, ['jira', 'confluence']],
      [TINY.siteB, ['jira']],
    ],
  );
  assert.equal(found.siteAccountId, TINY.admin);
});

test('a token the site host refuses but the gateway takes for /myself is used as a scoped token', async () => {
  const found = await discover({ site: basic(TINY.scopedToken), orgApiKey: TINY.orgKey });
  assert.deepEqual(found.credentials.site, { ...basic(TINY.scopedToken), scoped: true });
  // Products were probed through the gateway.
  assert.deepEqual(
    found.sites.map((s) => [s.url, s.products]),
    [
      [h.siteA, ['jira', 'confluence']],
      [h.siteB, ['jira']],
    ],
  );
  assert.equal(found.siteAccountId, TINY.admin);
  assert.equal(found.credentials.orgApiKey, TINY.orgKey);
});

test('a token neither the site host nor the gateway takes is still a rejected site credential', async () => {
  await assert.rejects(
    discover({ site: basic('ATATT3xNotARealToken'), orgApiKey: TINY.orgKey }),
    (error: unknown) =>
      error instanceof DiscoveryError &&
      error.problem.kind === 'site_credential_rejected' &&
      error.problem.url === h.siteA,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../../simulator/testing/harness.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import { CLASSIC_SITE_TOKEN } from './auth.ts';
import { ForbiddenError } from './errors.ts';
import { clientFor, siteA } from './test-support.ts';

// The third site-credential mode: Basic auth with an API token created with scopes, sent through
// the gateway `/ex/{jira|confluence}/{cloudId}` instead of the site host.

const h = useHarness({ resetBeforeEach: true });
const scoped = {
  site: { kind: 'basic' as const, email: 'ada@acme.example', apiToken: TINY.scopedToken, scoped: true },
};

test('a scoped token’s Jira and Confluence calls go through the gateway and succeed', async () => {
  const api = clientFor(h, { credentials: scoped });
  try {
    const me = await api.call('jira.myself.get', { site: siteA(h) });
    assert.equal(me.accountId, TINY.admin);
    const spaces: unknown[] = [];
    for await (const page of api.pages('confluence.spaces.list', { site: siteA(h) }))
      spaces.push(...page.items);
    assert.ok(spaces.length > 0);
    const hosts = h.sim.context.counters.snapshot().callsByHost;
    assert.deepEqual(Object.keys(hosts), ['api'], 'nothing went to the site host');
  } finally {
    await api.close();
  }
});

test('UPM and the GraphQL gateway are refused before any call, naming the classic token that reads them', async () => {
  const api = clientFor(h, { credentials: scoped });
  try {
    for (const id of ['upm.jira.list', 'graphql.appInstallations.list'] as const) {
      await assert.rejects(api.call(id, { site: siteA(h), body: { query: '{}' } }), (e) => {
        assert.ok(e instanceof ForbiddenError, id);
        assert.deepEqual(e.missing, [CLASSIC_SITE_TOKEN]);
        assert.match(e.reason, /served only on the site host, which refuses scoped tokens/);
        return true;
      });
    }
    assert.equal(api.stats().calls, 0);
  } finally {
    await api.close();
  }
});

test('the same token unmarked goes to the site host, which refuses it', async () => {
  const api = clientFor(h, { credentials: { site: { ...scoped.site, scoped: false } } });
  try {
    await assert.rejects(api.call('jira.myself.get', { site: siteA(h) }), { code: 'credential_rejected' });
  } finally {
    await api.close();
  }
});

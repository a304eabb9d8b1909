import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { type Harness, startHarness } from '../../simulator/testing/harness.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import {
  AnonymousRefusedError,
  CredentialRejectedError,
  ForbiddenError,
  HostNotAllowedError,
  NetworkError,
  RateLimitedError,
  ResponseParseError,
} from './errors.ts';
import {
  biggerTenant,
  clientFor,
  counters,
  resetCounters,
  setFaults,
  simulatorDeps,
  siteA,
  walk,
} from './test-support.ts';

// The connector under the simulator's faults: each ends the way a sync needs it to — completed
// with every item once, or a typed error after a bounded number of calls.

const USERS = 200;
let h: Harness;
const fast = { backoffBaseMs: 5, backoffMaxMs: 50 };

before(async () => {
  h = await startHarness({ tenant: biggerTenant(USERS) });
});
afterEach(async () => {
  await h.send('DELETE', `${h.control}/faults`, undefined);
  await resetCounters(h);
});
after(() => h.stop());

const directoryUsers = { params: { orgId: TINY.orgId, directoryId: '-' }, pageSize: 10 };

test('a 429 storm completes, each client waiting out Retry-After instead of hammering', async () => {
  // Three workers share one credential's bucket (20 calls/s, burst 3), so each one's pace is
  // too fast for the three together: 429s are certain.
  const clients = [1, 2, 3].map(() => clientFor(h, { options: { concurrency: 4, ...fast } }));
  await setFaults(h, { seed: 3, rateLimit: { perSecond: 20, burst: 3 } });
  const started = Date.now();
  const results = await Promise.all(
    clients.flatMap((api) =>
      Array.from({ length: 4 }, () => api.call('jira.serverInfo.get', { site: siteA(h) })),
    ),
  );
  const elapsed = Date.now() - started;
  assert.equal(results.length, 12);
  assert.ok(results.every((r) => typeof r.baseUrl === 'string'));
  const served = await counters(h);
  const limited = clients.reduce((n, api) => n + api.stats().rateLimited, 0);
  assert.ok(limited >= 1, 'the storm met 429s');
  assert.equal(limited, served.served429);
  // Retry-After is 1 s and the backoff here only 5-50 ms: a client that ignored Retry-After
  // would have collected hundreds of 429s in the time the storm took.
  assert.ok(served.served429 <= 20, `${served.served429} 429s in ${elapsed} ms: the clients kept hammering`);
  assert.ok(elapsed >= 1000, `finished after ${elapsed} ms, before Retry-After had passed`);
  await Promise.all(clients.map((api) => api.close()));
});

test('a Retry-After longer than a call may wait fails at once with RateLimitedError', async () => {
  await setFaults(h, { rateLimit: { perSecond: 0.01, burst: 1 } });
  const first = clientFor(h);
  await first.call('jira.serverInfo.get', { site: siteA(h) });
  // Another worker on the same credential finds the bucket empty for the next ~100 s.
  const api = clientFor(h, { options: { maxRetryAfterMs: 5_000, ...fast } });
  await assert.rejects(api.call('jira.serverInfo.get', { site: siteA(h) }), (e) => {
    assert.ok(e instanceof RateLimitedError);
    assert.ok((e.retryAfterMs ?? 0) > 60_000, 'carries the Retry-After for rescheduling');
    return true;
  });
  assert.equal(api.stats().calls, 1);
  await first.close();
  await api.close();
});

test('with 10% of calls failing 5xx a walk still completes with every user once', async () => {
  const api = clientFor(h, { options: fast });
  await setFaults(h, { seed: 11, rules: [{ errorRate: 0.1, errorStatus: 500 }] });
  const users = await walk(api.pages('admin.directory.users.list', directoryUsers));
  const ids = users.items.map((u) => u.accountId);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length >= USERS);
  const served = await counters(h);
  assert.ok(served.served5xx >= 1, 'some calls failed');
  assert.equal(api.stats().retries, served.served5xx, 'each failure retried once more');
  await api.close();
});

test('503s are retried with backoff until the walk completes', async () => {
  const api = clientFor(h, { options: fast });
  await setFaults(h, {
    seed: 5,
    rules: [{ endpoints: ['jira.projects.search'], errorRate: 0.5, errorStatus: 503 }],
  });
  const projects = await walk(api.pages('jira.projects.search', { site: siteA(h), pageSize: 1 }));
  assert.equal(projects.items.length, 3);
  assert.ok((await counters(h)).served5xx >= 1);
  await api.close();
});

test('a call that hangs times out and is retried', async () => {
  const api = clientFor(h, { options: { headersTimeoutMs: 300, ...fast } });
  // Seed 18: the first call hangs, the second answers.
  await setFaults(h, { seed: 18, rules: [{ endpoints: ['jira.serverInfo.get'], hangRate: 0.5 }] });
  const info = await api.call('jira.serverInfo.get', { site: siteA(h) });
  assert.equal(typeof info.baseUrl, 'string');
  assert.equal((await counters(h)).hung, 1);
  assert.deepEqual(api.stats(), { calls: 2, retries: 1, rateLimited: 0 });
  await api.close();
});

test('a call that always hangs ends as a NetworkError after the bounded attempts', async () => {
  const api = clientFor(h, { options: { headersTimeoutMs: 200, maxAttempts: 2, ...fast } });
  await setFaults(h, { rules: [{ endpoints: ['jira.serverInfo.get'], hangRate: 1 }] });
  await assert.rejects(api.call('jira.serverInfo.get', { site: siteA(h) }), (e) => {
    assert.ok(e instanceof NetworkError);
    assert.equal(e.networkCode, 'UND_ERR_HEADERS_TIMEOUT');
    return true;
  });
  assert.equal((await counters(h)).hung, 2);
  await api.close();
});

test('a truncated JSON body is retried, and a persistent one ends as ResponseParseError', async () => {
  const api = clientFor(h, { options: { ...fast, maxParseRetries: 3 } });
  await setFaults(h, { seed: 4, rules: [{ endpoints: ['jira.projects.search'], malformedRate: 0.3 }] });
  const projects = await walk(api.pages('jira.projects.search', { site: siteA(h), pageSize: 1 }));
  assert.equal(projects.items.length, 3);
  assert.ok((await counters(h)).malformed >= 1);

  await setFaults(h, { rules: [{ endpoints: ['confluence.auditRecords.list'], malformedRate: 1 }] });
  await resetCounters(h);
  await assert.rejects(api.call('confluence.auditRecords.list', { site: siteA(h) }), ResponseParseError);
  // The first attempt and maxParseRetries (3) more.
  assert.equal((await counters(h)).calls['confluence.auditRecords.list'], 4);
  await api.close();
});

test('a token revoked mid-walk ends as CredentialRejectedError without retrying', async () => {
  const own = await startHarness();
  const api = clientFor(own, { options: fast });
  try {
    await setFaults(own, { rules: [{ revokeAfterCalls: 2 }] });
    await assert.rejects(walk(api.pages('jira.projects.search', { site: siteA(own), pageSize: 1 })), (e) => {
      assert.ok(e instanceof CredentialRejectedError);
      assert.match(e.message, /credential revoked or expired — reconnect/);
      assert.equal(e.status, 401);
      return true;
    });
    assert.equal((await counters(own)).calls['jira.projects.search'], 3, 'two pages, then one refused call');
  } finally {
    await api.close();
    await own.stop();
  }
});

test('a member calling an admin endpoint gets a ForbiddenError naming the permission', async () => {
  const api = clientFor(h, {
    credentials: { site: { kind: 'basic', email: 'mo@acme.example', apiToken: TINY.memberToken } },
  });
  await assert.rejects(api.call('jira.auditRecords.list', { site: siteA(h) }), (e) => {
    assert.ok(e instanceof ForbiddenError);
    assert.match(e.reason, /Administrator privileges are required/);
    return true;
  });
  assert.equal(api.stats().retries, 0, '403s are not retried');
  await api.close();
});

test('UPM’s bare-text 401 to a member is a refused credential carrying what UPM said, for a canary to judge', async () => {
  const api = clientFor(h, {
    credentials: { site: { kind: 'basic', email: 'mo@acme.example', apiToken: TINY.memberToken } },
  });
  await assert.rejects(api.call('upm.jira.list', { site: siteA(h) }), (e) => {
    assert.ok(e instanceof CredentialRejectedError);
    assert.equal(e.authKind, 'basic');
    assert.equal(e.serverMessage, 'Must have permission to access this resource.');
    assert.equal(
      JSON.parse(JSON.stringify(e)).serverMessage,
      'Must have permission to access this resource.',
    );
    return true;
  });
  assert.equal(api.stats().retries, 0, 'a 401 is not retried');
  await api.close();
});

test('a call without credentials that Confluence refuses is AnonymousRefusedError, not a rejected credential', async () => {
  const api = clientFor(h, { credentials: {} });
  const remoteApi = (enabled: boolean) =>
    h.send('POST', `${h.control}/tenant/anonymous-access`, {
      kind: 'confluence-remote-api',
      site: 'acme',
      enabled,
    });
  try {
    assert.equal((await remoteApi(false)).status, 200);
    await assert.rejects(
      api.call('confluence.anonymousUser.get', { site: siteA(h), anonymous: true }),
      (e) => {
        assert.ok(e instanceof AnonymousRefusedError);
        assert.equal(e.code, 'anonymous_refused');
        assert.equal(e.status, 401);
        assert.match(e.message, /the site refuses unauthenticated calls/);
        return true;
      },
    );
  } finally {
    await remoteApi(true);
    await api.close();
  }
});

test('a scoped org key on an endpoint it does not cover gets a ForbiddenError naming what the key needs', async () => {
  const api = clientFor(h, { credentials: { orgApiKey: TINY.scopedOrgKey } });
  await assert.rejects(api.call('admin.users.list', { params: { orgId: TINY.orgId } }), (e) => {
    assert.ok(e instanceof ForbiddenError);
    assert.match(e.reason, /no scope opens admin\.users\.list: it needs an org API key without scopes/);
    assert.deepEqual(e.missing, ['an org API key without scopes']);
    return true;
  });
  await assert.rejects(api.call('admin.domains.list', { params: { orgId: TINY.orgId } }), (e) => {
    assert.ok(e instanceof ForbiddenError);
    assert.match(e.reason, /needs a key with the scope read:domains:admin \(or a key without scopes\)/);
    assert.deepEqual(e.missing, ['read:domains:admin']);
    return true;
  });
  await api.close();
});

test('a host that is not allow-listed is refused before any network call', async () => {
  const api = clientFor(h, { allowHosts: [] });
  await assert.rejects(api.call('jira.serverInfo.get', { site: siteA(h) }), HostNotAllowedError);
  const elsewhere = { cloudId: TINY.siteA, url: 'https://evil.example.com', products: ['jira' as const] };
  const allowed = clientFor(h);
  await assert.rejects(allowed.call('jira.serverInfo.get', { site: elsewhere }), HostNotAllowedError);
  const plainHttp = { ...elsewhere, url: 'http://acme.atlassian.net' };
  await assert.rejects(
    allowed.call('jira.serverInfo.get', { site: plainHttp }),
    /must be reached over https/,
  );
  assert.equal(api.stats().calls + allowed.stats().calls, 0);
  assert.equal((await counters(h)).totalCalls, 0);
  await api.close();
  await allowed.close();
});

test('a refused connection ends as a NetworkError after the bounded attempts', async () => {
  const api = clientFor(h, {
    ...simulatorDeps(h),
    allowHosts: ['127.0.0.1'],
    options: { maxAttempts: 3, ...fast },
  });
  const closed = { cloudId: TINY.siteA, url: 'http://127.0.0.1:1', products: ['jira' as const] };
  await assert.rejects(api.call('jira.serverInfo.get', { site: closed }), (e) => {
    assert.ok(e instanceof NetworkError);
    assert.equal(e.networkCode, 'ECONNREFUSED');
    return true;
  });
  assert.equal(api.stats().calls, 3);
  await api.close();
});

test('a users search that takes too long (409) is asked again with smaller pages and completes', async () => {
  const api = clientFor(h, { options: fast });
  // Pages above 30 users take longer than the 10 s Atlassian allows a search.
  await setFaults(h, { rules: [{ endpoints: ['admin.directory.users.search'], slowPageAbove: 30 }] });
  const users = await walk(
    api.pages('admin.directory.users.search', {
      params: { orgId: TINY.orgId, directoryId: '-' },
      body: { expand: ['platformRoles'] },
    }),
  );
  const ids = users.items.map((u) => u.accountId);
  assert.equal(new Set(ids).size, ids.length, 'no user twice');
  assert.ok(ids.length >= USERS);
  const served = await counters(h);
  // 100 and 50 refused once each, then every page at 25.
  assert.equal(served.statuses['admin.directory.users.search']?.['409'], 2);
  assert.equal(served.statuses['admin.directory.users.search']?.['200'], Math.ceil(ids.length / 25));
  await api.close();
});

test('a spent hourly quota pauses the site and the admin API together, and both resume after it', async () => {
  const api = clientFor(h, { options: { concurrency: 4, ...fast } });
  const pauses: number[] = [];
  api.onPause?.((p) => pauses.push(p.until));
  // 20 calls per 2-second window for the whole tenant: two walks of ~25 pages each spend it.
  await setFaults(h, { hourlyQuota: { calls: 20, windowSeconds: 2 } });
  const started = Date.now();
  const [jiraUsers, directoryUsersWalk] = await Promise.all([
    walk(api.pages('jira.users.search', { site: siteA(h), pageSize: 10 })),
    walk(api.pages('admin.directory.users.list', directoryUsers)),
  ]);
  const elapsed = Date.now() - started;
  assert.ok(jiraUsers.items.length >= USERS && directoryUsersWalk.items.length >= USERS);
  const served = await counters(h);
  const calls = served.totalCalls - served.served429;
  assert.ok(calls > 40, `${calls} calls: more than two windows' worth`);
  assert.ok(pauses.length >= 1, 'the pause was announced');
  assert.ok(elapsed >= 2000, `finished after ${elapsed} ms, before the first window was over`);
  // Each window ends with the calls then in flight answered 429 (at most the concurrency of 4),
  // not with every host and walk running into the spent quota on its own.
  const windows = Math.ceil(calls / 20);
  assert.ok(served.served429 <= 4 * windows, `${served.served429} 429s over ${windows} windows`);
  assert.equal(api.stats().rateLimited, served.served429);
  await api.close();
});

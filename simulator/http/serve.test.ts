import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';

// Fault modes end to end: every fault is switched through the control API, as tests and
// benchmarks of the connector will do, and observed on a real endpoint.

const h = useHarness({ resetBeforeEach: true });

const setFaults = async (config: unknown) => {
  const res = await h.send('PUT', `${h.control}/faults`, config);
  assert.equal(res.status, 200, await res.text());
};
const myself = () => h.get(`${h.siteA}/rest/api/3/myself`, h.adminBasic);

test('a burst beyond the rate limit gets 429s with Retry-After and Atlassian’s rate-limit headers', async () => {
  await setFaults({ rateLimit: { perSecond: 1, burst: 3 } });
  const statuses: number[] = [];
  let limited: Response | undefined;
  for (let i = 0; i < 5; i++) {
    const res = await myself();
    statuses.push(res.status);
    if (res.status === 429) limited = res;
    await res.arrayBuffer();
  }
  assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
  assert.ok(limited);
  assert.equal(limited.headers.get('retry-after'), '1');
  assert.equal(limited.headers.get('ratelimit-reason'), 'jira-burst-based');
  assert.equal(limited.headers.get('x-ratelimit-limit'), '3');
  assert.equal(limited.headers.get('ratelimit-policy'), '"jira-burst-based";q=1;w=1');
  assert.match(limited.headers.get('ratelimit') ?? '', /^"jira-burst-based";r=0;t=\d+$/);
  assert.ok(limited.headers.get('x-ratelimit-reset'));
  const counters = (await h.json(`${h.control}/counters`)) as { served429: number };
  assert.equal(counters.served429, 2);
});

test('the hourly quota is the whole tenant’s: calls to the sites and the admin API spend it together', async () => {
  await setFaults({ hourlyQuota: { calls: 3 } });
  const adminOrgs = () => h.get(`${h.api}/admin/v1/orgs`, h.orgKey);
  const statuses = [
    (await myself()).status,
    (await adminOrgs()).status,
    (await h.get(`${h.siteA}/rest/api/3/myself`, h.memberBasic)).status,
  ];
  assert.deepEqual(statuses, [200, 200, 200]);
  const spent = await adminOrgs();
  assert.equal(spent.status, 429);
  assert.equal(spent.headers.get('ratelimit-reason'), 'quota-tenant-based');
  assert.ok(Number(spent.headers.get('retry-after')) > 3500);
  const site = await myself();
  assert.equal(site.headers.get('ratelimit-reason'), 'jira-quota-tenant-based');
  assert.match(site.headers.get('ratelimit') ?? '', /^"tenant-app-quota";r=0;t=\d+$/);
});

test('the rate limit is kept per credential: another user is not slowed by the first', async () => {
  await setFaults({ rateLimit: { perSecond: 1, burst: 1 } });
  assert.equal((await myself()).status, 200);
  assert.equal((await myself()).status, 429);
  assert.equal((await h.get(`${h.siteA}/rest/api/3/myself`, h.memberBasic)).status, 200);
});

test('an error rate answers some calls with 5xx in Jira’s error format, a 503 as Service Unavailable', async () => {
  await setFaults({ seed: 5, rules: [{ endpoints: ['jira.myself.get'], errorRate: 0.5, errorStatus: 503 }] });
  const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await myself()).status));
  const failures = statuses.filter((s) => s === 503).length;
  assert.ok(failures > 8 && failures < 32, `expected about half to fail, got ${failures}`);
  const res = await (async () => {
    for (;;) {
      const r = await myself();
      if (r.status === 503) return r;
    }
  })();
  assert.deepEqual(await res.json(), { errorMessages: ['Service Unavailable'], errors: {} });
});

test('latency is added to matching endpoints only', async () => {
  await setFaults({ rules: [{ endpoints: ['jira.myself.get'], latencyMs: 300 }] });
  let t0 = performance.now();
  await (await myself()).arrayBuffer();
  assert.ok(performance.now() - t0 >= 290);
  t0 = performance.now();
  await (await h.get(`${h.siteA}/_edge/tenant_info`)).arrayBuffer();
  assert.ok(performance.now() - t0 < 250);
});

test('a hung request never answers until the client gives up', async () => {
  await setFaults({ rules: [{ endpoints: ['jira.myself.get'], hangRate: 1 }] });
  await assert.rejects(
    fetch(`${h.siteA}/rest/api/3/myself`, {
      headers: { authorization: h.adminBasic },
      signal: AbortSignal.timeout(300),
    }),
    /TimeoutError|aborted/,
  );
  const counters = (await h.json(`${h.control}/counters`)) as { hung: number };
  assert.equal(counters.hung, 1);
});

test('a malformed body is a 200 whose JSON does not parse', async () => {
  await setFaults({ rules: [{ endpoints: ['jira.myself.get'], malformedRate: 1 }] });
  const res = await myself();
  assert.equal(res.status, 200);
  await assert.rejects(res.json(), SyntaxError);
});

test('a token revoked after N calls is refused from then on, also after the fault is lifted', async () => {
  await setFaults({ rules: [{ revokeAfterCalls: 2 }] });
  assert.deepEqual(
    [(await myself()).status, (await myself()).status, (await myself()).status],
    [200, 200, 401],
  );
  await h.send('DELETE', `${h.control}/faults`, undefined);
  const res = await myself();
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), {
    errorMessages: ['Client must be authenticated to access this resource.'],
    errors: {},
  });
});

test('counters report calls per endpoint', async () => {
  await h.send('POST', `${h.control}/counters/reset`, {});
  await (await myself()).arrayBuffer();
  await (await myself()).arrayBuffer();
  await (await h.get(`${h.siteA}/_edge/tenant_info`)).arrayBuffer();
  const counters = (await h.json(`${h.control}/counters`)) as {
    calls: Record<string, number>;
    totalCalls: number;
  };
  assert.deepEqual(counters.calls, { 'jira.myself.get': 2, 'site.tenantInfo.get': 1 });
  assert.equal(counters.totalCalls, 3);
});

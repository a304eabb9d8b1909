import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FaultEngine, faultConfigSchema, matchesEndpoint } from './faults.ts';

test('endpoint patterns match exact ids and id families', () => {
  assert.equal(matchesEndpoint(undefined, 'jira.users.search'), true);
  assert.equal(matchesEndpoint(['jira.*'], 'jira.users.search'), true);
  assert.equal(matchesEndpoint(['jira.*'], 'confluence.spaces.list'), false);
  assert.equal(matchesEndpoint(['jira.users.search'], 'jira.users.searchX'), false);
});

test('an error rate of 10% fails about one call in ten, repeatably for a seed', () => {
  const run = () => {
    const engine = new FaultEngine({ seed: 42, rules: [{ errorRate: 0.1 }] });
    return Array.from({ length: 2000 }, () => engine.decide('jira.users.search').kind);
  };
  const first = run();
  const errors = first.filter((k) => k === 'error').length;
  assert.ok(errors > 150 && errors < 250, `expected ~200 errors, got ${errors}`);
  assert.deepEqual(run(), first);
});

test('faults narrowed to one endpoint leave the others alone', () => {
  const engine = new FaultEngine({
    rules: [{ endpoints: ['jira.auditRecords.list'], malformedRate: 1, latencyMs: 50 }],
  });
  assert.equal(engine.decide('jira.auditRecords.list').kind, 'malformed');
  assert.equal(engine.decide('jira.users.search').kind, 'none');
  assert.equal(engine.latencyFor('jira.auditRecords.list'), 50);
  assert.equal(engine.latencyFor('jira.users.search'), 0);
});

test('a credential is due for revocation only after its allowed number of calls', () => {
  const engine = new FaultEngine({ rules: [{ revokeAfterCalls: 3 }] });
  const verdicts = Array.from({ length: 5 }, () =>
    engine.countAndCheckRevoke('jira.users.search', 'token:1'),
  );
  assert.deepEqual(verdicts, [false, false, false, true, true]);
  assert.equal(engine.countAndCheckRevoke('jira.users.search', 'token:2'), false);
});

test('an endpoint can be retired: every call answers 410 Gone (or 404), other 4xx are refused', () => {
  const retired = {
    rules: [{ endpoints: ['confluence.spacesWithPermissions.list'], errorRate: 1, errorStatus: 410 }],
  };
  const engine = new FaultEngine(faultConfigSchema.parse(retired));
  assert.deepEqual(engine.decide('confluence.spacesWithPermissions.list'), { kind: 'error', status: 410 });
  assert.deepEqual(engine.decide('confluence.spaces.list'), { kind: 'none' });
  assert.equal(faultConfigSchema.safeParse({ rules: [{ errorRate: 1, errorStatus: 404 }] }).success, true);
  assert.equal(faultConfigSchema.safeParse({ rules: [{ errorRate: 1, errorStatus: 418 }] }).success, false);
});

test('a fault configuration with an unknown field or an out-of-range rate is rejected', () => {
  assert.equal(faultConfigSchema.safeParse({ rules: [{ errorRate: 2 }] }).success, false);
  assert.equal(faultConfigSchema.safeParse({ rules: [{ eror: 0.1 }] }).success, false);
  assert.equal(faultConfigSchema.safeParse({ rateLimit: { perSecond: 10, burst: 20 } }).success, true);
});

test('the hourly quota, the header style and the slow-page rule are optional: earlier configurations stay valid', () => {
  const earlier = faultConfigSchema.parse({
    seed: 7,
    rateLimit: { perSecond: 10, burst: 20 },
    rules: [{ latencyMs: 5 }],
  });
  assert.equal(earlier.hourlyQuota, undefined);
  assert.equal(earlier.rateLimit?.headers, undefined);
  const parsed = faultConfigSchema.parse({
    rateLimit: { perSecond: 10, burst: 20, headers: 'counts-only' },
    hourlyQuota: { calls: 500 },
    rules: [{ endpoints: ['admin.directory.users.search'], slowPageAbove: 50 }],
  });
  assert.deepEqual(parsed.hourlyQuota, { calls: 500, windowSeconds: 3600, enforced: true });
  assert.equal(
    faultConfigSchema.safeParse({ rateLimit: { perSecond: 1, burst: 1, headers: 'ietf' } }).success,
    false,
  );
  assert.equal(faultConfigSchema.safeParse({ hourlyQuota: { calls: 0 } }).success, false);
});

test('the slowest matching rule sets the largest page a search answers before its 409', () => {
  const engine = new FaultEngine({
    rules: [
      { endpoints: ['admin.directory.*'], slowPageAbove: 50 },
      { endpoints: ['admin.directory.users.search'], slowPageAbove: 20 },
    ],
  });
  assert.equal(engine.slowPageAboveFor('admin.directory.users.search'), 20);
  assert.equal(engine.slowPageAboveFor('admin.directory.groups.search'), 50);
  assert.equal(engine.slowPageAboveFor('jira.users.search'), undefined);
});

test('the hourly quota applies to the endpoints it names', () => {
  const engine = new FaultEngine(
    faultConfigSchema.parse({ hourlyQuota: { calls: 5, endpoints: ['jira.*'] } }),
  );
  assert.equal(engine.hourlyQuotaFor('jira.users.search')?.calls, 5);
  assert.equal(engine.hourlyQuotaFor('admin.orgs.list'), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_NOW, testAttestation } from '../../testing/test-snapshot.ts';
import { rule } from './bb_access_tokens_not_stale.rule.ts';
import { TEST_WORKSPACE, workspaceSnapshot } from './test-records.ts';

/** The calendar day `days` before TEST_NOW, as the settings page shows it. */
const day = (days: number) => new Date(TEST_NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);

const tokens = [
  { name: 'ci', level: 'repository' as const, owner: 'acme/api', createdAt: day(30), lastUsedAt: day(1) },
  { name: 'old-sync', level: 'workspace' as const, createdAt: day(500), lastUsedAt: day(2) },
  { name: 'idle', level: 'project' as const, owner: 'CORE', createdAt: day(200), lastUsedAt: day(150) },
  { name: 'unused', level: 'repository' as const, owner: 'acme/web', createdAt: day(40), lastUsedAt: null },
  { name: 'unrecorded', level: 'repository' as const, owner: 'acme/web', createdAt: day(40) },
  {
    name: 'expired',
    level: 'repository' as const,
    owner: 'acme/web',
    createdAt: day(900),
    expiresAt: day(10),
  },
];

function run(list: typeof tokens, settings?: Record<string, unknown>) {
  return runRule(rule, workspaceSnapshot(), {
    attestations: [
      testAttestation(
        'attested.bitbucket-access-tokens',
        { tokens: list },
        { scope: TEST_WORKSPACE.cloudId },
      ),
    ],
    ...(settings ? { settings: { bb_access_tokens_not_stale: settings } } : {}),
  });
}

test('old, idle and never-used tokens fail, each named with where it was created; expired ones are not judged', () => {
  const results = run(tokens);
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'fail', 'fail', 'fail', 'unknown'],
  );
  assert.equal(results[1]?.message, 'old-sync (workspace) was created 500 days ago (limit 365).');
  assert.equal(results[2]?.message, 'idle (project CORE) was last used 150 days ago.');
  assert.equal(
    results[3]?.message,
    'unused (repository acme/web) has never been used in the 40 days since it was created.',
  );
  assert.equal(results[2]?.resource.type, 'access-token');
});

test('the limits are settings', () => {
  const results = run(tokens, { maxAgeDays: 1000, maxUnusedDays: 200 });
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'pass', 'pass', 'fail', 'unknown'],
  );
});

test('an attested empty list passes the workspace; no attestation is unknown', () => {
  assert.deepEqual(verdicts(run([])), [['pass', 'bb-acme']]);
  assert.deepEqual(verdicts(runRule(rule, workspaceSnapshot())), [['unknown', 'bb-acme']]);
});

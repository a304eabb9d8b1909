import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation } from '../../testing/test-snapshot.ts';
import { rule } from './bb_integrations_least_privilege.rule.ts';
import { TEST_WORKSPACE, workspaceSnapshot } from './test-records.ts';

type Integrations = SubjectValue<'attested.bitbucket-integrations'>['integrations'];

const integrations: Integrations = [
  { name: 'Jira Cloud', kind: 'app', scopes: ['repository', 'pullrequest'] },
  { name: 'Deploy bot', kind: 'oauth-consumer', scopes: ['repository:write', 'pullrequest'] },
  { name: 'Secrets sync', kind: 'oauth-consumer', scopes: ['pipeline:variable'] },
  { name: 'Code insights', kind: 'app', scopes: ['repository:admin', 'webhook'] },
];

function run(list: Integrations, approvedIntegrations?: string[]) {
  return runRule(rule, workspaceSnapshot(), {
    attestations: [
      testAttestation(
        'attested.bitbucket-integrations',
        { integrations: list },
        { scope: TEST_WORKSPACE.cloudId },
      ),
    ],
    ...(approvedIntegrations
      ? { settings: { bb_integrations_least_privilege: { approvedIntegrations } } }
      : {}),
  });
}

test('apps and consumers with write, admin, variable or webhook scopes fail; read-only ones pass', () => {
  const results = run(integrations);
  assert.deepEqual(verdicts(results), [
    ['pass', 'app:Jira Cloud'],
    ['fail', 'oauth-consumer:Deploy bot'],
    ['fail', 'oauth-consumer:Secrets sync'],
    ['fail', 'app:Code insights'],
  ]);
  assert.equal(
    results[1]?.message,
    'OAuth consumer Deploy bot holds repository:write: it can change the workspace’s code or settings.',
  );
  assert.equal(results[1]?.resource.type, 'oauth-consumer');
  assert.equal(results[3]?.resource.type, 'app');
});

test('an integration approved in the settings passes', () => {
  const results = run(integrations, ['deploy bot']);
  assert.equal(results[1]?.status, 'pass');
});

test('an attested empty list passes; no attestation is unknown', () => {
  assert.deepEqual(verdicts(run([])), [['pass', 'bb-acme']]);
  assert.deepEqual(verdicts(runRule(rule, workspaceSnapshot())), [['unknown', 'bb-acme']]);
});

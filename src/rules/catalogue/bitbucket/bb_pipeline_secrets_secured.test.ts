import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_pipeline_secrets_secured.rule.ts';
import { variable, workspaceSnapshot } from './test-records.ts';

const variables = [
  variable('AWS_SECRET_ACCESS_KEY'),
  variable('NPM_TOKEN', { secured: false }),
  variable('db-password', { level: 'deployment', environment: 'Production', secured: false }),
  variable('NODE_VERSION', { secured: false }),
  variable('SLACK_WEBHOOK', { level: 'workspace', repository: null, secured: false }),
];

test('an unsecured variable named like a secret fails; plain settings are not judged', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({ datasets: { 'bitbucket.pipeline-variables': variables } }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '{var-aws_secret_access_key}'],
    ['fail', '{var-npm_token}'],
    ['fail', '{var-db-password}'],
  ]);
  assert.equal(
    results[1]?.message,
    'NPM_TOKEN (acme/api) looks like a secret but is not Secured: its value is readable in plain text.',
  );
  assert.equal(results[2]?.resource.name, 'db-password (acme/api, Production)');
  assert.equal(results[1]?.resource.type, 'pipeline-variable');
});

test('the secret-like name fragments are a setting', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({ datasets: { 'bitbucket.pipeline-variables': variables } }),
    {
      settings: { bb_pipeline_secrets_secured: { secretNameParts: ['webhook'] } },
    },
  );
  assert.deepEqual(verdicts(results), [['fail', '{var-slack_webhook}']]);
  assert.equal(results[0]?.resource.name, 'SLACK_WEBHOOK (workspace)');
});

test('a workspace with no secret-like variable passes as a whole', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: { 'bitbucket.pipeline-variables': [variable('NODE_VERSION', { secured: false })] },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'bb-acme']]);
  assert.equal(results[0]?.message, 'None of the 1 Pipelines variables has a secret-like name.');
});

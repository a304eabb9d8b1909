import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_app_requests_reviewed.rule.ts';

const enterprise = testSnapshot({
  sites: [{ ...TEST_SITE, products: { jira: 'enterprise', confluence: 'enterprise' } }],
});

test('apps whose sign-ups need admin review pass; an app left on allow fails', () => {
  const results = runRule(rule, enterprise, {
    attestations: [
      testAttestation('attested.app-requests', {
        apps: [
          { app: 'Jira', setting: 'require-admin-review' },
          { app: 'Confluence', setting: 'allow' },
        ],
      }),
    ],
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'app-requests/jira'],
    ['fail', 'app-requests/confluence'],
  ]);
  assert.equal(results[1]?.message, 'Managed accounts can start their own Confluence without admin review.');
});

test('below the Enterprise plan the control does not exist', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.app-requests', { apps: [{ app: 'Jira', setting: 'allow' }] })],
  });
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});

test('on Enterprise, without an attestation the check is unknown', () => {
  const results = runRule(rule, enterprise);
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scopeReach } from './apps-scopes.ts';

test('each scope says what it lets the app reach, on the risk model’s capability scale', () => {
  assert.deepEqual(scopeReach('ACT_AS_USER'), {
    scope: 'ACT_AS_USER',
    capability: 'act-as-user',
    resource: 'impersonation',
    personalData: false,
    reaches: "acts as any user, with that user's access to everything they can see",
  });
  assert.match(scopeReach('ADMIN').reaches, /administers the product/);
  assert.equal(scopeReach('read:jira-work').reaches, 'reads content: jira-work');
  assert.equal(scopeReach('manage:jira-configuration').capability, 'admin');
  const pii = scopeReach('read:jira-user');
  assert.deepEqual(
    [pii.personalData, pii.reaches],
    [true, 'reads metadata or configuration, not content: jira-user (personal data)'],
  );
  assert.match(scopeReach('frobnicate').reaches, /does not recognise/);
});

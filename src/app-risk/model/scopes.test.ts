import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminScopes, classifyScope, topCapability } from './scopes.ts';

test('Connect scopes map onto the capability scale, e-mail access is personal data', () => {
  assert.deepEqual(
    ['NONE', 'READ', 'WRITE', 'DELETE', 'PROJECT_ADMIN', 'SPACE_ADMIN', 'ACT_AS_USER', 'ADMIN'].map(
      (s) => classifyScope(s).capability,
    ),
    ['metadata', 'read', 'write', 'delete', 'project-admin', 'project-admin', 'act-as-user', 'admin'],
  );
  assert.equal(classifyScope('ACCESS_EMAIL_ADDRESSES').pii, true);
  // The Connect hierarchy is one resource, so implied lower levels never count as distinct grants.
  assert.equal(classifyScope('READ').resource, classifyScope('ADMIN').resource);
  assert.notEqual(classifyScope('ACT_AS_USER').resource, classifyScope('ADMIN').resource);
});

test('Forge scopes are classified by verb and resource; configuration management is admin', () => {
  assert.equal(classifyScope('manage:jira-configuration').capability, 'admin');
  assert.equal(classifyScope('manage:confluence-configuration').capability, 'admin');
  assert.equal(classifyScope('manage:jira-project').capability, 'project-admin');
  assert.equal(classifyScope('write:jira-work').capability, 'write');
  assert.equal(classifyScope('delete:issue:jira').capability, 'delete');
  assert.equal(classifyScope('read:jira-work').capability, 'read');
  assert.equal(classifyScope('read:confluence-content.all').capability, 'read');
  assert.equal(classifyScope('read:confluence-space.summary').capability, 'metadata');
  assert.equal(classifyScope('storage:app').capability, 'metadata');
  assert.deepEqual(classifyScope('read:jira-user'), {
    scope: 'read:jira-user',
    capability: 'metadata',
    resource: 'jira-user',
    pii: true,
  });
  assert.equal(classifyScope('teleport:everything').capability, 'unknown');
});

test('admin scopes and the top capability are picked out of a scope list', () => {
  assert.deepEqual(adminScopes(['READ', 'ADMIN', 'manage:jira-configuration', 'write:jira-work']), [
    'ADMIN',
    'manage:jira-configuration',
  ]);
  assert.equal(topCapability(['READ', 'ACT_AS_USER', 'WRITE']), 'act-as-user');
  assert.equal(topCapability([]), undefined);
});

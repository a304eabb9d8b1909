import assert from 'node:assert/strict';
import { test } from 'node:test';
import { broadGroups } from './broad-groups.ts';
import { accessGroup } from './space-fixtures.ts';

const groups = [
  accessGroup('confluence-users-acme', 'user'),
  accessGroup('confluence-admins-acme', 'admin'),
  accessGroup('site-admins', 'site-admin', 'user'),
];

test('the group that confers plain product access is broad; admin groups are not, even with user access', () => {
  const broad = broadGroups(groups, []);
  assert.equal(broad.has('gid-confluence-users-acme', null), true);
  assert.equal(broad.has('gid-confluence-admins-acme', 'confluence-admins-acme'), false);
  assert.equal(broad.has('gid-site-admins', 'site-admins'), false);
  assert.deepEqual(broad.names, ['confluence-users-acme']);
});

test('declared names are broad whatever their case, and a subject known only by name still matches', () => {
  const broad = broadGroups(groups, ['All-Employees']);
  assert.equal(broad.has(null, 'all-employees'), true);
  assert.equal(broad.has(null, 'Confluence-Users-Acme'), true);
  assert.equal(broad.has('unknown-id', 'team-payments'), false);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_permission_scheme_no_anyone.rule.ts';

type Scheme = DatasetRecord<'jira.permission-schemes'>;
type Project = DatasetRecord<'jira.projects'>;

function scheme(id: number, name: string, grants: [permission: string, holderType: string][]): Scheme {
  return {
    id,
    name,
    description: null,
    grants: grants.map(([permission, holderType], i) => ({
      id: id * 100 + i,
      permission,
      holderType,
      holderParameter: null,
      holderValue: null,
    })),
  };
}

function project(key: string, permissionSchemeId: number): Project {
  return {
    id: `id-${key}`,
    key,
    name: key,
    projectTypeKey: 'software',
    simplified: false,
    isPrivate: false,
    archived: false,
    leadAccountId: null,
    permissionSchemeId,
    totalIssueCount: null,
    lastIssueUpdateTime: null,
  };
}

const internal = scheme(0, 'Default Permission Scheme', [
  ['BROWSE_PROJECTS', 'applicationRole'],
  ['CREATE_ISSUES', 'projectRole'],
]);
const open = scheme(10000, 'Public projects', [
  ['BROWSE_PROJECTS', 'anyone'],
  ['ADD_COMMENTS', 'anyone'],
  ['EDIT_ISSUES', 'group'],
]);
const unused = scheme(10001, 'Old public', [['BROWSE_PROJECTS', 'anyone']]);

test('schemes without an Anyone grant pass', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'jira.permission-schemes': [internal] } }));
  assert.deepEqual(verdicts(results), [['pass', '0']]);
  assert.equal(results[0]?.resource.scope, TEST_SITE.cloudId);
});

test('a scheme granting Anyone fails, naming the permissions and the projects that use it', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.permission-schemes': [internal, open],
        'jira.projects': [project('WEB', 10000), project('DOCS', 10000), project('CORE', 0)],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '0'],
    ['fail', '10000'],
  ]);
  assert.equal(
    results[1]?.message,
    'Public projects grants BROWSE_PROJECTS, ADD_COMMENTS to Anyone (used by WEB, DOCS).',
  );
  assert.deepEqual(results[1]?.evidence, {
    anonymousPermissions: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
    projects: ['WEB', 'DOCS'],
  });
});

test('without the project list the scheme still fails: the projects are context, not the verdict', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.permission-schemes': [open] },
      outcomes: { 'jira.projects': { status: 'failed', reason: 'HTTP 500' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', '10000']]);
  assert.equal(results[0]?.message, 'Public projects grants BROWSE_PROJECTS, ADD_COMMENTS to Anyone.');
});

test('an unused open scheme fails by default and passes when the organization ignores unused schemes', () => {
  const snapshot = testSnapshot({
    datasets: { 'jira.permission-schemes': [unused], 'jira.projects': [project('CORE', 0)] },
  });
  assert.deepEqual(verdicts(runRule(rule, snapshot)), [['fail', '10001']]);
  const tuned = runRule(rule, snapshot, {
    settings: { jira_permission_scheme_no_anyone: { ignoreUnusedSchemes: true } },
  });
  assert.deepEqual(verdicts(tuned), [['pass', '10001']]);
});

test('permission schemes the credential may not read make the site unknown, naming the missing scope', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'jira.permission-schemes': { status: 'forbidden', missingScope: 'ADMINISTER', reason: 'HTTP 403' },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.deepEqual(results[0]?.reasons?.[0], {
    code: 'dataset_forbidden',
    dataset: 'jira.permission-schemes',
    scope: TEST_SITE.cloudId,
    missingScope: 'ADMINISTER',
    detail: 'HTTP 403',
  });
});

test('a site without Jira has no permission schemes to check', () => {
  const results = runRule(
    rule,
    testSnapshot({ sites: [{ ...TEST_SITE, products: { confluence: 'standard' } }] }),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', TEST_SITE.cloudId]]);
});

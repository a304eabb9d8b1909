import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSnapshot, globalPermission } from './test-records.ts';

type Permission = DatasetRecord<'dc.global-permissions'>;

/** The behaviour of a broad global permission rule made by broadGlobalPermissionsRule, for one product. */
export function broadGlobalPermissionsCases(rule: Rule, p: DcProduct): void {
  const jira = p.product === 'jira-data-center';
  const admin = jira ? 'ADMINISTER' : 'ADMINISTRATECONFLUENCE';
  const sysadmin = jira ? 'SYSTEM_ADMIN' : 'SYSTEMADMINISTRATOR';
  const use = jira ? 'USE' : 'USECONFLUENCE';
  const users = jira ? 'jira-software-users' : 'confluence-users';
  const run = (permissions: Permission[], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.global-permissions': permissions } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`${p.name} admin permissions held by dedicated groups pass, one result per permission`, () => {
    const results = run([
      globalPermission(p, admin, { groups: ['site-admins'] }),
      globalPermission(p, sysadmin, { groups: ['sysadmins'], users: ['ada'] }),
      globalPermission(p, use, { groups: [users] }),
    ]);
    assert.deepEqual(verdicts(results), [
      ['pass', admin],
      ['pass', sysadmin],
    ]);
  });

  test('an admin permission granted to the default user group fails, naming the group', () => {
    const results = run([globalPermission(p, admin, { groups: ['site-admins', users.toUpperCase()] })]);
    assert.deepEqual(verdicts(results), [['fail', admin]]);
    assert.equal(results[0]?.message, `${admin} is granted to ${users.toUpperCase()}.`);
  });

  test('a permission held by all logged-in or anonymous users fails', () => {
    const results = run([globalPermission(p, sysadmin, { allLoggedIn: true, anonymous: true })]);
    assert.deepEqual(verdicts(results), [['fail', sysadmin]]);
    assert.equal(results[0]?.message, `${sysadmin} is granted to anonymous users, all logged-in users.`);
  });

  test('an organization adds its own all-staff group to the broad groups', () => {
    const permissions = [globalPermission(p, admin, { groups: ['all-staff'] })];
    assert.deepEqual(verdicts(run(permissions)), [['pass', admin]]);
    assert.deepEqual(verdicts(run(permissions, { broadGroups: ['all-staff'] })), [['fail', admin]]);
  });

  test('global permissions read only in part cannot pass', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        datasets: { 'dc.global-permissions': [globalPermission(p, admin, { groups: ['site-admins'] })] },
        outcomes: { 'dc.global-permissions': { status: 'partial', reason: 'a page failed' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', admin]]);
  });
}

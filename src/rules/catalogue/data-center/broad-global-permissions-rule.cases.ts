import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import type { PermissionTier } from './broad-global-permissions-rule.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, globalPermission } from './test-records.ts';

type Permission = DatasetRecord<'dc.global-permissions'>;

/** Two permissions of each tier, per product, as the products name them. */
const JUDGED: Record<PermissionTier, Record<DcProduct['product'], [string, string]>> = {
  admin: {
    'jira-data-center': ['ADMINISTER', 'SYSTEM_ADMIN'],
    'confluence-data-center': ['ADMINISTRATECONFLUENCE', 'SYSTEMADMINISTRATOR'],
  },
  user: {
    'jira-data-center': ['USER_PICKER', 'BULK_CHANGE'],
    'confluence-data-center': ['VIEWUSERPROFILES', 'VIEWUSERPROFILES'],
  },
};

/** The behaviour of a broad global permission rule made by broadGlobalPermissionsRule, for one product and tier. */
export function broadGlobalPermissionsCases(rule: Rule, p: DcProduct, tier: PermissionTier): void {
  const jira = p.product === 'jira-data-center';
  const [first, second] = JUDGED[tier][p.product];
  const use = jira ? 'USE' : 'USECONFLUENCE';
  const users = jira ? 'jira-software-users' : 'confluence-users';
  const run = (permissions: Permission[], settings?: object) =>
    runRule(rule, dcSnapshot(p, { datasets: { 'dc.global-permissions': permissions } }), {
      settings: settings ? { [rule.meta.id]: settings } : {},
    });

  test(`${p.name} ${tier} permissions held by dedicated groups pass, one result per permission`, () => {
    const results = run([
      globalPermission(p, first, { groups: ['site-admins'] }),
      globalPermission(p, use, { groups: [users] }),
    ]);
    assert.deepEqual(verdicts(results), [['pass', first]]);
    assert.equal(results[0]?.message, `${first} is held by the groups site-admins and 0 named users.`);
  });

  test(`a ${tier} permission granted to the default user group fails, naming the group`, () => {
    const results = run([globalPermission(p, first, { groups: ['site-admins', users.toUpperCase()] })]);
    assert.deepEqual(verdicts(results), [['fail', first]]);
    assert.equal(results[0]?.message, `${first} is granted to ${users.toUpperCase()}.`);
  });

  test('a permission held by all logged-in or anonymous users fails', () => {
    const results = run([globalPermission(p, second, { allLoggedIn: true, anonymous: true })]);
    assert.deepEqual(verdicts(results), [['fail', second]]);
    assert.equal(results[0]?.message, `${second} is granted to anonymous users, all logged-in users.`);
  });

  test('an organization adds its own all-staff group to the broad groups', () => {
    const permissions = [globalPermission(p, first, { groups: ['all-staff'] })];
    assert.deepEqual(verdicts(run(permissions)), [['pass', first]]);
    assert.deepEqual(verdicts(run(permissions, { broadGroups: ['all-staff'] })), [['fail', first]]);
  });

  test('permissions of the other tier are left to the other rule', () => {
    const other = tier === 'admin' ? JUDGED.user[p.product][0] : JUDGED.admin[p.product][0];
    assert.deepEqual(verdicts(run([globalPermission(p, other, { allLoggedIn: true })])), [
      ['pass', dcSite(p).cloudId],
    ]);
  });

  test('global permissions read only in part cannot pass', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        datasets: { 'dc.global-permissions': [globalPermission(p, first, { groups: ['site-admins'] })] },
        outcomes: { 'dc.global-permissions': { status: 'partial', reason: 'a page failed' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', first]]);
  });
}

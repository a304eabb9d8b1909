import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SimState } from '../core/state.ts';
import type { HolderType, Project } from '../tenant/model.ts';
import { TINY, tinyTenant } from '../testing/tiny-tenant.ts';
import { canViewProject, globalPermissions, hasProjectPermission } from './jira-grants.ts';
import type { Viewer } from './jira-viewer.ts';

// Holder types the tiny tenant does not use, evaluated directly on a scheme written per test.

function setup(holder: { type: HolderType; parameter?: string; value?: string }) {
  const state = new SimState(tinyTenant());
  const site = state.sitesById.get(TINY.siteA);
  assert.ok(site?.jira);
  const jira = site.jira;
  jira.permissionSchemes.push({
    id: 20000,
    name: 'Probe',
    description: '',
    grants: [{ id: 1, permission: 'EDIT_ISSUES', holder }],
  });
  const eng = jira.projects[0] as Project;
  eng.permissionSchemeId = 20000;
  const viewer = (accountId?: string): Viewer => {
    const user = accountId ? state.usersById.get(accountId) : undefined;
    const role = user ? state.roleOn(user, site.id, 'jira') : 'none';
    return {
      site,
      jira,
      user,
      role,
      licensed: role !== 'none',
      admin: role === 'admin' || role === 'site-admin',
      sysAdmin: role === 'site-admin',
    };
  };
  const has = (accountId?: string) => hasProjectPermission(state, viewer(accountId), eng, 'EDIT_ISSUES');
  return { state, has, viewer, eng };
}

test('a single-user grant reaches that user only', () => {
  const { has } = setup({ type: 'user', parameter: TINY.external, value: TINY.external });
  assert.equal(has(TINY.external), true);
  assert.equal(has(TINY.member), false);
  assert.equal(has(), false);
});

test('a project lead grant reaches the lead only', () => {
  const { has } = setup({ type: 'projectLead' });
  assert.equal(has(TINY.admin), true); // Ada leads ENG
  assert.equal(has(TINY.member), false);
});

test('reporter and assignee grants count as held by any licensed user without an issue', () => {
  for (const type of ['reporter', 'assignee'] as const) {
    const { has } = setup({ type });
    assert.equal(has(TINY.member), true, type);
    assert.equal(has(), false, `${type} for anonymous`);
  }
});

test('an application role grant without a product reaches any licensed user, not anonymous', () => {
  const { has } = setup({ type: 'applicationRole' });
  assert.equal(has(TINY.external), true);
  assert.equal(has(), false);
});

test('an application role grant for a product the site lacks reaches nobody', () => {
  const { has } = setup({
    type: 'applicationRole',
    parameter: 'jira-servicedesk',
    value: 'jira-servicedesk',
  });
  assert.equal(has(TINY.member), false);
});

test('a group grant recorded by name alone still matches the group', () => {
  const { has } = setup({ type: 'group', parameter: 'confluence-users-acme' });
  assert.equal(has(TINY.external), true);
  assert.equal(has(TINY.inactive), false);
});

test('a customer portal grant reaches Jira Service Management customers only', () => {
  const { has } = setup({ type: 'sd.customer.portal.only' });
  assert.equal(has(TINY.customer), true);
  assert.equal(has(TINY.member), false);
});

test('app accounts in the addons admin group are Jira admins who see every project', () => {
  const { state, viewer, eng } = setup({ type: 'anyone' });
  const app = viewer(TINY.appConnect);
  assert.equal(app.admin, true);
  assert.ok(globalPermissions(app).has('ADMINISTER'));
  assert.equal(globalPermissions(app).has('SYSTEM_ADMIN'), false);
  assert.equal(canViewProject(state, app, eng), true);
});

test('archived projects are visible to Jira admins only', () => {
  const { state, viewer, eng } = setup({ type: 'anyone' });
  eng.archived = true;
  assert.equal(canViewProject(state, viewer(TINY.member), eng), false);
  assert.equal(canViewProject(state, viewer(TINY.admin), eng), true);
});

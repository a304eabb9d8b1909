import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_admins_strong_auth.rule.ts';
import { ORG_ADMIN, orgUser, SITE_ADMIN } from './test-records.ts';

const users = [
  orgUser('ada', { platformRoles: ORG_ADMIN }),
  orgUser('sid', { platformRoles: SITE_ADMIN, mfaEnabled: false }),
  orgUser('uma', {
    platformRoles: ['atlassian/user-access-admin'],
    mfaEnabled: false,
    managementSource: 'invited',
  }),
  orgUser('ben', { mfaEnabled: false }),
  orgUser('ai', { platformRoles: ['atlassian/ai-access'], mfaEnabled: false }),
  orgUser('old', {
    platformRoles: ORG_ADMIN,
    mfaEnabled: false,
    accountStatus: 'inactive',
    status: 'deactivated',
  }),
];

test('an organization whose admins all have two-step verification passes', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users.slice(0, 1) } }));
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.message, 'All 1 admins have two-step verification.');
});

test('each site or user access admin without two-step verification fails; plain users and deactivated admins do not', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }));
  assert.deepEqual(verdicts(results), [
    ['fail', 'sid'],
    ['fail', 'uma'],
  ]);
  assert.equal(results[0]?.message, 'Sid (site-admin) signs in without two-step verification.');
});

test('admins declared as signing in through SSO pass, except break-glass accounts', () => {
  const sso = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_admins_strong_auth: { ssoCoveredAccounts: 'synced' } },
  });
  assert.deepEqual(verdicts(sso), [['fail', 'uma']]);
  const breakGlass = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_admins_strong_auth: { ssoCoveredAccounts: 'managed', breakGlassAccounts: ['sid'] } },
  });
  assert.deepEqual(verdicts(breakGlass), [['fail', 'sid']]);
});

test('an unmanaged admin without two-step verification fails and says no policy applies to it', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.users': [
          orgUser('ext', {
            platformRoles: SITE_ADMIN,
            mfaEnabled: false,
            claimStatus: 'unmanaged',
            emailDomain: 'gmail.com',
          }),
        ],
      },
    }),
    { settings: { org_admins_strong_auth: { ssoCoveredAccounts: 'managed' } } },
  );
  assert.deepEqual(verdicts(results), [['fail', 'ext']]);
  assert.match(results[0]?.message ?? '', /not managed/);
});

test('an admin whose 2SV status is not reported is unknown; an unread directory is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.users': [orgUser('ada', { platformRoles: ORG_ADMIN, mfaEnabled: null })] },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'ada']]);
  const unread = runRule(
    rule,
    testSnapshot({ outcomes: { 'org.users': { status: 'not_collected', reason: null } } }),
  );
  assert.deepEqual(verdicts(unread), [['unknown', 'org-1']]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { ORG_ADMIN, orgUser, policy } from '../accounts/test-records.ts';
import { rule } from './org_break_glass_minimal.rule.ts';

const employees = policy('Employees', { isDefault: true, members: 300 });
const breakGlass = policy('Break glass', { ssoEnforced: false, members: 2 });
const users = [
  orgUser('alpha', { platformRoles: ORG_ADMIN, managementSource: 'invited' }),
  orgUser('bravo', { platformRoles: ORG_ADMIN, managementSource: 'invited' }),
  orgUser('carol'),
];
const declared = { breakGlassPolicies: ['Break glass'], breakGlassAccounts: ['alpha', 'bravo'] };

function run(policies: ReturnType<typeof policy>[], settings: object, people = users) {
  return runRule(rule, testSnapshot({ datasets: { 'org.users': people } }), {
    attestations: [testAttestation('attested.authentication-policies', { policies })],
    settings: { org_break_glass_minimal: settings },
  });
}

test('a declared break-glass policy of two org admins with 2SV passes', () => {
  const results = run([employees, breakGlass], declared);
  assert.deepEqual(verdicts(results), [['pass', 'Break glass']]);
  assert.equal(results[0]?.message, 'Break glass holds 2 org admin(s), all with two-step verification.');
});

test('a break-glass policy with too many members, optional 2SV and a non-admin without 2SV fails, naming each problem', () => {
  const results = run(
    [employees, policy('Break glass', { ssoEnforced: false, members: 3, twoStepVerification: 'optional' })],
    { breakGlassPolicies: ['Break glass'], breakGlassAccounts: ['alpha', 'carol'] },
    [...users.slice(0, 2), orgUser('carol', { mfaEnabled: false })],
  );
  assert.deepEqual(verdicts(results), [['fail', 'Break glass']]);
  assert.equal(
    results[0]?.message,
    'Break glass: 3 members, more than 2; two-step verification is optional; 1 member(s) beyond the 2 declared ' +
      'break-glass accounts; Carol is not an org admin; Carol has no two-step verification.',
  );
});

test('a break-glass policy whose accounts are not named is unknown until they are', () => {
  const results = run([employees, breakGlass], { breakGlassPolicies: ['Break glass'] });
  assert.deepEqual(verdicts(results), [['unknown', 'Break glass']]);
  assert.match(results[0]?.message ?? '', /breakGlassAccounts/);
});

test('policies without SSO and no declared break-glass policy make the check unknown; all-SSO passes', () => {
  assert.deepEqual(verdicts(run([employees, breakGlass], {})), [['unknown', 'org-1']]);
  assert.deepEqual(verdicts(run([employees], {})), [['pass', 'org-1']]);
});

test('an organization that enforces SSO nowhere has no break-glass bypass to bound', () => {
  const results = run([policy('All users', { isDefault: true, ssoEnforced: false })], declared);
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});

test('without the attestation, or without Atlassian Guard, the check is not decided', () => {
  const missing = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }));
  assert.deepEqual(verdicts(missing), [['unknown', 'org-1']]);
  const noGuard = runRule(rule, testSnapshot({ org: { guard: 'none' }, datasets: { 'org.users': users } }));
  assert.deepEqual(verdicts(noGuard), [['not_applicable', 'org-1']]);
});

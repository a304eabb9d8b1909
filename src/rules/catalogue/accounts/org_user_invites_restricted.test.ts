import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_user_invites_restricted.rule.ts';

function run(value: SubjectValue<'attested.user-invites'>, settings: object = {}) {
  return runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.user-invites', value)],
    settings: { org_user_invites_restricted: settings },
  });
}

test('invitations that need an admin’s approval, with invite links off, pass', () => {
  const results = run({ invites: 'admin-approval', inviteLinksEnabled: false });
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'Invitations are restricted: user invitations wait for an admin’s approval.',
  );
});

test('users who may invite anyone fail', () => {
  const results = run({ invites: 'anyone', inviteLinksEnabled: false });
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'User invitations are open: users may invite anyone without an admin’s approval.',
  );
});

test('invite links fail unless the organization accepts them', () => {
  assert.deepEqual(verdicts(run({ invites: 'admins-only', inviteLinksEnabled: true })), [['fail', 'org-1']]);
  assert.deepEqual(
    verdicts(run({ invites: 'admins-only', inviteLinksEnabled: true }, { allowInviteLinks: true })),
    [['pass', 'org-1']],
  );
});

test('without an attestation the check is unknown: no public API reads user invite settings', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

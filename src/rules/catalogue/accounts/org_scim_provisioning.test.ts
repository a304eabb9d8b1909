import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_scim_provisioning.rule.ts';
import { orgUser } from './test-records.ts';

test('an organization with accounts provisioned from the identity provider passes, counting the invited ones', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.users': [orgUser('ada'), orgUser('ben'), orgUser('cy', { managementSource: 'invited' })],
        'org.directories': [
          { id: 'd1', name: 'Acme directory' },
          { id: 'd2', name: 'Okta' },
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(
    results[0]?.message,
    '2 accounts are provisioned from the identity provider; 1 managed accounts were created by invitation instead.',
  );
  assert.deepEqual(results[0]?.evidence?.directories, ['Acme directory', 'Okta']);
});

test('an organization where no account is synced fails', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.users': [
          orgUser('ada', { managementSource: 'invited' }),
          orgUser('ben', { managementSource: null }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
});

test('a directory that could not be read makes the check unknown', () => {
  const unread = runRule(
    rule,
    testSnapshot({ outcomes: { 'org.users': { status: 'failed', reason: 'HTTP 500' } } }),
  );
  assert.deepEqual(verdicts(unread), [['unknown', 'org-1']]);
});

test('an organization without Atlassian Guard cannot provision users, so the check does not apply', () => {
  const results = runRule(
    rule,
    testSnapshot({ org: { guard: 'none' }, datasets: { 'org.users': [orgUser('ada')] } }),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});

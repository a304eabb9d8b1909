import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_admins_2sv_enabled.rule.ts';
import { member, workspaceSnapshot } from './test-records.ts';

test('an admin without two-step verification fails, one Bitbucket says nothing about is unknown; members are not judged', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: {
        'bitbucket.members': [
          member('Ada', 'owner'),
          member('Ben', 'owner', { has2faEnabled: false }),
          member('Cy', 'owner', { has2faEnabled: null }),
          member('Dee', 'member', { has2faEnabled: false }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'acc-ada'],
    ['fail', 'acc-ben'],
    ['unknown', 'acc-cy'],
  ]);
  assert.equal(results[1]?.message, 'Workspace admin Ben signs in without two-step verification.');
});

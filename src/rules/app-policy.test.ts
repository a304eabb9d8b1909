import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionOf, matchesPattern, parsePolicy } from './app-policy.ts';

test('the three policy shapes parse and stand for one condition each', () => {
  const actAs = parsePolicy({
    id: 'no-act-as-user-without-bounty',
    description: 'No ACT_AS_USER apps from vendors without a bug bounty',
    severity: 'high',
    when: { scopesAny: ['ACT_AS_USER'], vendorWithoutBugBounty: true },
  });
  assert.equal(actAs.effect, 'violation');
  assert.deepEqual(conditionOf(actAs), { scopesAny: ['ACT_AS_USER'], vendorWithoutBugBounty: true });
  const admins = parsePolicy({
    id: 'admin-vendors',
    description: 'Only these vendors may hold ADMIN',
    severity: 'critical',
    onlyVendors: { vendors: ['Atlassian', 'Bluefin Labs'], capabilityAtLeast: 'admin' },
  });
  assert.deepEqual(conditionOf(admins), {
    vendorNotIn: ['Atlassian', 'Bluefin Labs'],
    capabilityAtLeast: 'admin',
  });
  const dev = parsePolicy({
    id: 'no-dev-mode',
    description: 'No development-mode apps',
    severity: 'medium',
    noDevelopmentMode: true,
  });
  assert.deepEqual(conditionOf(dev), { developmentMode: true });
});

test('a malformed policy is refused with a message naming the problem', () => {
  const bad = (input: unknown) => () => parsePolicy(input);
  assert.throws(bad({ id: 'Bad Id', description: 'x y z', severity: 'high', when: { egress: true } }), {
    code: 'invalid_policy',
  });
  assert.throws(
    bad({ id: 'empty', description: 'Nothing to test', severity: 'high', when: {} }),
    /at least one test/,
  );
  assert.throws(
    bad({ id: 'typo', description: 'Typo in a test', severity: 'high', when: { scopeAny: ['X'] } }),
    {
      code: 'invalid_policy',
    },
  );
  assert.throws(
    bad({
      id: 'who',
      description: 'Only vendors of what?',
      severity: 'low',
      onlyVendors: { vendors: ['A'] },
    }),
    /capabilityAtLeast or scopesAny/,
  );
  assert.throws(
    bad({ id: 'sev', description: 'Bad severity', severity: 'urgent', noDevelopmentMode: true }),
    {
      code: 'invalid_policy',
    },
  );
});

test('patterns match with * and ignore case', () => {
  assert.equal(matchesPattern('manage:jira-configuration', 'manage:*-configuration'), true);
  assert.equal(matchesPattern('api.X.example', '*.x.example'), true);
  assert.equal(matchesPattern('x.example', '*.x.example'), false);
  assert.equal(matchesPattern('READ', 'read'), true);
  assert.equal(matchesPattern('a.b', 'a?b'), false);
});

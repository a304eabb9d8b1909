import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { defineRule } from './define-rule.ts';
import { RuleEngineError } from './errors.ts';
import { pass } from './outcome.ts';

const valid = {
  id: 'org_example_rule',
  title: 'An example rule for the tests',
  area: 'identity',
  severity: 'low',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.domains'],
  plan: 'any',
  credential: 'org-api-key',
  description: 'Checks nothing in particular, for the tests.',
  risk: 'None at all; it exists for the tests.',
  remediation: { ui: ['Do nothing.'], api: null },
  references: [{ title: 'Example', url: 'https://example.com/' }],
  evaluate: () => [pass({ id: 'org-1' }, 'Fine.')],
} as const;

test('a valid definition becomes a rule with parsed metadata and defaults filled in', () => {
  const rule = defineRule(valid);
  assert.equal(rule.meta.id, 'org_example_rule');
  assert.deepEqual(rule.meta.optional, []);
  assert.deepEqual(rule.meta.compliance, {});
});

test('a rule with an area outside the fixed list is refused when its module loads', () => {
  // The cast stands for a rule file that does not type check (the compiler refuses it first).
  assert.throws(
    () => defineRule({ ...valid, area: 'identities' as 'identity' }),
    (e: unknown) =>
      e instanceof RuleEngineError && e.code === 'invalid_rule_meta' && /org_example_rule/.test(e.message),
  );
});

test('a rule with empty remediation or references is refused', () => {
  assert.throws(() => defineRule({ ...valid, remediation: { ui: [], api: null } }), RuleEngineError);
  assert.throws(() => defineRule({ ...valid, references: [] }), RuleEngineError);
});

test('a rule that requires a dataset the inventory does not have is refused', () => {
  assert.throws(
    () => defineRule({ ...valid, requires: ['org.secrets' as 'org.domains'] }),
    /org\.secrets|Invalid option/,
  );
});

test('a rule whose id is not snake_case is refused', () => {
  assert.throws(() => defineRule({ ...valid, id: 'OrgExample' }), RuleEngineError);
});

test('a setting without a default is refused: every setting must be tunable from a known starting point', () => {
  assert.throws(
    () => defineRule({ ...valid, settings: z.object({ maxDays: z.number() }) }),
    /every setting needs a default/,
  );
});

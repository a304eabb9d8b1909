import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyExceptions, exceptionSchema, type RuleException } from './exceptions.ts';
import { result } from './testing/result-fixture.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');

function exception(overrides: Partial<RuleException> = {}): RuleException {
  return exceptionSchema.parse({
    id: 'exc-1',
    ruleId: 'rule_a',
    justification: 'The public help project is public on purpose.',
    owner: 'security@acme.example',
    createdAt: '2025-05-01T00:00:00.000Z',
    expiresAt: '2025-09-01T00:00:00.000Z',
    ...overrides,
  });
}

test('a current exception turns the failures it covers into excepted, citing owner and expiry', () => {
  const { results } = applyExceptions([result('rule_a', 'p1', 'fail')], [exception()], NOW);
  assert.equal(results[0]?.status, 'excepted');
  assert.deepEqual(results[0]?.exception, {
    id: 'exc-1',
    owner: 'security@acme.example',
    justification: 'The public help project is public on purpose.',
    expiresAt: '2025-09-01T00:00:00.000Z',
  });
});

test('an exception scoped to resources covers only those resources', () => {
  const scoped = exception({ resources: ['org:project:p1'] });
  const { results } = applyExceptions(
    [result('rule_a', 'p1', 'fail'), result('rule_a', 'p2', 'fail')],
    [scoped],
    NOW,
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['excepted', 'fail'],
  );
});

test('an exception never hides a pass, an unknown or another rule’s failure', () => {
  const { results } = applyExceptions(
    [result('rule_a', 'p1', 'pass'), result('rule_a', 'p2', 'unknown'), result('rule_b', 'p1', 'fail')],
    [exception()],
    NOW,
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['pass', 'unknown', 'fail'],
  );
});

test('an expired exception covers nothing and is reported with the failures that reverted', () => {
  const lapsed = exception({ expiresAt: '2025-06-01T00:00:00.000Z' });
  const applied = applyExceptions(
    [result('rule_a', 'p1', 'fail'), result('rule_a', 'p2', 'pass')],
    [lapsed],
    NOW,
  );
  assert.equal(applied.results[0]?.status, 'fail');
  assert.deepEqual(
    applied.expired.map((e) => [e.exception.id, e.reverted.map((r) => r.resource.id)]),
    [['exc-1', ['p1']]],
  );
});

test('an exception dated in the future does not apply yet', () => {
  const later = exception({ createdAt: '2025-07-01T00:00:00.000Z' });
  assert.equal(applyExceptions([result('rule_a', 'p1', 'fail')], [later], NOW).results[0]?.status, 'fail');
});

test('an exception needs a justification, an owner and an expiry', () => {
  assert.throws(() => exception({ justification: 'ok' }));
  assert.throws(() =>
    exceptionSchema.parse({ id: 'x', ruleId: 'rule_a', justification: 'A real reason here.' }),
  );
});

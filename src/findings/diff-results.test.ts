import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffResults } from './diff-results.ts';
import { result, scopeUnknown } from './testing/result-fixture.ts';

function kinds(diff: ReturnType<typeof diffResults>) {
  return Object.fromEntries(
    Object.entries(diff)
      .filter(([, changes]) => changes.length > 0)
      .map(([kind, changes]) => [kind, changes.map((c: { resource: { id: string } }) => c.resource.id)]),
  );
}

test('a failure that did not exist before is new; one that passed before is regressed', () => {
  const diff = diffResults(
    [result('r', 'p2', 'pass'), result('r', 'p3', 'unknown')],
    [result('r', 'p1', 'fail'), result('r', 'p2', 'fail'), result('r', 'p3', 'fail')],
  );
  assert.deepEqual(kinds(diff), { new: ['p1', 'p3'], regressed: ['p2'] });
  assert.deepEqual(diff.regressed[0]?.previous, { status: 'pass', message: 'p2 pass' });
});

test('a failure that now passes, or whose resource is gone from a complete evaluation, is resolved', () => {
  const diff = diffResults(
    [result('r', 'p1', 'fail'), result('r', 'p2', 'fail'), result('r', 'p3', 'pass')],
    [result('r', 'p1', 'pass'), result('r', 'p3', 'pass')],
  );
  assert.deepEqual(kinds(diff), { resolved: ['p1', 'p2'] });
  assert.equal(diff.resolved[1]?.current, null);
});

test('a failure whose scope could not be read this time is changed to unknown, not resolved', () => {
  const diff = diffResults([result('r', 'p1', 'fail')], [scopeUnknown('r')]);
  assert.deepEqual(kinds(diff), { changed: ['p1'] });
  assert.equal(diff.changed[0]?.current?.status, 'unknown');
});

test('a failure read from a partial dataset that vanished is not resolved', () => {
  const diff = diffResults([result('r', 'p1', 'fail')], [result('r', 'p2', 'fail', { basis: 'partial' })]);
  assert.deepEqual(kinds(diff), { new: ['p2'] });
});

test('a rule that was not evaluated at all says nothing about its old failures', () => {
  assert.deepEqual(kinds(diffResults([result('r', 'p1', 'fail')], [result('other', 'p1', 'pass')])), {});
});

test('fail ↔ excepted, changed details and pass ↔ unknown are changes; identical failures are not', () => {
  const diff = diffResults(
    [
      result('r', 'p1', 'fail'),
      result('r', 'p2', 'fail', { evidence: { grants: ['BROWSE'] } }),
      result('r', 'p3', 'pass'),
      result('r', 'p4', 'fail', { evidence: { a: 1, b: 2 } }),
    ],
    [
      result('r', 'p1', 'excepted'),
      result('r', 'p2', 'fail', { evidence: { grants: ['BROWSE', 'COMMENT'] } }),
      result('r', 'p3', 'unknown'),
      result('r', 'p4', 'fail', { evidence: { b: 2, a: 1 } }),
    ],
  );
  assert.deepEqual(kinds(diff), { changed: ['p1', 'p2', 'p3'] });
});

test('results in different scopes are different resources', () => {
  const diff = diffResults(
    [result('r', 'p1', 'fail', { scope: 'site-a' }), result('r', 'p0', 'pass', { scope: 'site-b' })],
    [result('r', 'p0', 'pass', { scope: 'site-a' }), result('r', 'p1', 'fail', { scope: 'site-b' })],
  );
  assert.deepEqual(kinds(diff), { new: ['p1'], resolved: ['p1'] });
  assert.deepEqual([diff.new[0]?.resource.scope, diff.resolved[0]?.resource.scope], ['site-b', 'site-a']);
});

test('a failure whose status and message stayed the same names the evidence fields that changed', () => {
  const diff = diffResults(
    [result('r', 'p1', 'fail', { evidence: { grants: ['BROWSE'], project: 'ACME' } })],
    [result('r', 'p1', 'fail', { evidence: { grants: ['BROWSE', 'COMMENT'], project: 'ACME' } })],
  );
  assert.deepEqual(diff.changed[0]?.evidence, [
    { field: 'grants', previous: ['BROWSE'], current: ['BROWSE', 'COMMENT'] },
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstStatus, scanTransition, type WorkflowState } from './workflow.ts';

const state = (over: Partial<WorkflowState> = {}): WorkflowState => ({
  status: 'open',
  dismissalReason: null,
  scanState: 'open',
  evaluatedVersion: 3,
  ...over,
});

test('a finding the scan sees passing resolves itself, noting the scan', () => {
  assert.deepEqual(scanTransition(state(), 'resolved', 4, undefined), {
    status: 'resolved',
    dismissalReason: null,
    note: 'fixed, seen by scan 4',
  });
  const dismissed = state({ status: 'dismissed', dismissalReason: 'wont_fix' });
  assert.equal(scanTransition(dismissed, 'resolved', 4, undefined)?.status, 'resolved');
  assert.equal(
    scanTransition(state({ status: 'in_progress' }), 'resolved', 4, undefined)?.status,
    'resolved',
  );
});

test('a resolved finding failing again regresses; one still failing keeps the status a person set', () => {
  const fixed = state({ status: 'resolved', scanState: 'resolved' });
  assert.deepEqual(scanTransition(fixed, 'open', 5, undefined), {
    status: 'regressed',
    dismissalReason: null,
    note: 'failing again, seen by scan 5',
  });
  assert.equal(scanTransition(state({ status: 'in_progress' }), 'open', 4, undefined), null);
  assert.equal(
    scanTransition(state({ status: 'dismissed', dismissalReason: 'false_positive' }), 'open', 4, undefined),
    null,
  );
  assert.equal(scanTransition(state({ status: 'regressed' }), 'open', 4, undefined), null);
});

test('a person’s “resolved” is checked by the next snapshot, not by re-evaluating the same one', () => {
  const marked = state({ status: 'resolved' });
  assert.equal(scanTransition(marked, 'open', 3, undefined), null);
  assert.equal(scanTransition(marked, 'open', 4, undefined)?.note, 'still failing, seen by scan 4');
});

test('an exception dismisses a finding as accepted risk, and its end reopens it', () => {
  assert.deepEqual(scanTransition(state(), 'excepted', 4, 'ex-1'), {
    status: 'dismissed',
    dismissalReason: 'accepted_risk',
    note: 'covered by exception ex-1, seen by scan 4',
  });
  const accepted = state({ status: 'dismissed', dismissalReason: 'accepted_risk', scanState: 'excepted' });
  assert.equal(scanTransition(accepted, 'excepted', 4, 'ex-1'), null);
  assert.equal(scanTransition(accepted, 'open', 5, undefined)?.status, 'open');
});

test('a new finding starts as the scan saw it', () => {
  assert.equal(firstStatus('open', 1).status, 'open');
  assert.equal(firstStatus('open', 1).note, 'found by scan 1');
  assert.deepEqual(
    [firstStatus('excepted', 1).status, firstStatus('excepted', 1).dismissalReason],
    ['dismissed', 'accepted_risk'],
  );
  assert.equal(firstStatus('resolved', 2).status, 'resolved');
});

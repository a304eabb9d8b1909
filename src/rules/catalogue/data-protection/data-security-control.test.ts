import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DataSecurityControl, judgeControl } from './data-security-control.ts';

const org = { id: 'org-1', name: 'Acme' };

function control(blocks: DataSecurityControl['blocks'], covered: string[] = [], exceptions: string[] = []) {
  return { blocks, covered, exceptions };
}

test('a control blocking everywhere passes, unless an override re-allows sensitive data', () => {
  assert.equal(judgeControl(org, control('everywhere'), 'Export', ['HR']).status, 'pass');
  const excepted = judgeControl(org, control('everywhere', [], ['hr', 'DOCS']), 'Export', ['HR']);
  assert.equal(excepted.status, 'fail');
  assert.equal(
    excepted.message,
    'Export is blocked by default, but overrides allow it for sensitive data: HR.',
  );
});

test('a selective control must cover every declared sensitive name, compared without case', () => {
  assert.equal(
    judgeControl(org, control('selected', ['hr', 'Finance']), 'Export', ['HR', 'finance']).status,
    'pass',
  );
  const partial = judgeControl(org, control('selected', ['HR']), 'Export', ['HR', 'SEC']);
  assert.equal(partial.status, 'fail');
  assert.equal(partial.message, 'Export is not blocked for sensitive data: SEC.');
});

test('with nothing declared sensitive any coverage passes and an empty one fails', () => {
  assert.equal(judgeControl(org, control('selected', ['HR']), 'Export', []).status, 'pass');
  assert.equal(judgeControl(org, control('selected'), 'Export', []).status, 'fail');
  assert.equal(judgeControl(org, control('nowhere'), 'Export', []).status, 'fail');
});

test('a control the attestation leaves out is unknown', () => {
  assert.equal(judgeControl(org, undefined, 'Export', []).status, 'unknown');
});

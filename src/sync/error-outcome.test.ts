import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AnonymousRefusedError,
  CredentialMissingError,
  CredentialRejectedError,
  ForbiddenError,
  ServerError,
} from '../atlassian/errors.ts';
import { CREDENTIAL_REJECTED_REASON, classifyError } from './error-outcome.ts';

const site = {
  endpointId: 'jira.project.search',
  method: 'GET',
  url: 'acme.atlassian.net/rest/api/3/project/search',
  status: 0,
};

test('a rejected credential stops the run with the reconnect reason', () => {
  assert.deepEqual(classifyError(new CredentialRejectedError({ ...site, status: 401 })), {
    kind: 'credential_rejected',
    reason: CREDENTIAL_REJECTED_REASON,
  });
});

test('an unauthenticated probe refused with 401 is forbidden for that dataset, never a stop', () => {
  const outcome = classifyError(new AnonymousRefusedError({ ...site, status: 401 }));
  assert.equal(outcome.kind, 'forbidden');
  assert.match(outcome.reason, /the site refuses unauthenticated calls/);
});

test('a 403 is forbidden and names what is missing', () => {
  const error = new ForbiddenError({ ...site, status: 403 }, 'needs Administer Jira', [
    'ADMINISTER',
    'read:jira-work',
  ]);
  assert.deepEqual(classifyError(error), {
    kind: 'forbidden',
    reason: 'needs Administer Jira',
    missing: 'ADMINISTER, read:jira-work',
  });
  assert.deepEqual(classifyError({ code: 'forbidden', message: 'no', permission: 'BROWSE_PROJECTS' }), {
    kind: 'forbidden',
    reason: 'no',
    missing: 'BROWSE_PROJECTS',
  });
});

test('a missing credential kind is reported as forbidden with the credential it needs', () => {
  const outcome = classifyError(new CredentialMissingError(site, ['org API key']));
  assert.equal(outcome.kind, 'forbidden');
  assert.equal(outcome.kind === 'forbidden' && outcome.missing, 'org API key');
});

test('anything else fails the dataset with its message, credentials scrubbed', () => {
  assert.deepEqual(classifyError(new Error('boom')), { kind: 'failed', reason: 'boom' });
  const server = classifyError(new ServerError({ ...site, status: 503 }, '503 after 5 attempts'));
  assert.equal(server.kind, 'failed');
  assert.match(server.reason, /503 after 5 attempts/);
  const leaky = classifyError(new Error('sent Authorization: Basic YWRtaW46QVRBVFQxMjM= and Bearer abc.def'));
  assert.equal(leaky.reason, 'sent Authorization: Basic [redacted] and Bearer [redacted]');
  assert.deepEqual(classifyError('plain string'), { kind: 'failed', reason: 'plain string' });
  assert.ok(classifyError(new Error('x'.repeat(2000))).reason.length <= 500);
});

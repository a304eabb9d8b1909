import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CredentialRejectedError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  RequestRejectedError,
  ServerError,
} from '../../atlassian/errors.ts';
import { SchemaDriftError } from '../../atlassian/schemas/drift-error.ts';
import { listingUnavailable, v2SpacePermissions } from './confluence-spaces-v2.ts';

const read = { key: 'read', targetType: 'space' };
const base = { operation: 'read', targetType: 'space', accountId: null, groupId: null, groupName: null };

test('v2 assignments become the same records as v1 permissions: users, groups, anonymous, unlicensed', () => {
  assert.deepEqual(
    v2SpacePermissions({ id: '1', principal: { type: 'user', id: 'acc-1' }, operation: read }),
    [{ ...base, subjectType: 'user', accountId: 'acc-1' }],
  );
  assert.deepEqual(
    v2SpacePermissions({ id: '2', principal: { type: 'group', id: 'g-1' }, operation: read }),
    [{ ...base, subjectType: 'group', groupId: 'g-1' }],
  );
  for (const id of ['anonymous', 'ANONYMOUS', 'anonymous-access']) {
    assert.deepEqual(v2SpacePermissions({ principal: { type: 'role', id }, operation: read }), [
      { ...base, subjectType: 'anonymous' },
    ]);
  }
  assert.deepEqual(
    v2SpacePermissions({ principal: { type: 'ACCESS_CLASS', id: 'UNLICENSED' }, operation: read }),
    [{ ...base, subjectType: 'unlicensed' }],
  );
});

test('v1-style access flags on a v2 assignment count too, and a role naming neither grants nothing here', () => {
  assert.deepEqual(
    v2SpacePermissions({ principal: { type: 'role', id: 'x' }, operation: read, anonymousAccess: true }),
    [{ ...base, subjectType: 'anonymous' }],
  );
  assert.deepEqual(
    v2SpacePermissions({ principal: { type: 'role', id: 'space-admin' }, operation: read }),
    [],
  );
  assert.deepEqual(v2SpacePermissions({ principal: null, operation: null }), []);
});

test('only a gone or broken listing is worth reading through v2; a refusal, a limit or no network is not', () => {
  const site = {
    endpointId: 'confluence.spacesWithPermissions.list',
    method: 'GET',
    url: 'https://acme.atlassian.net/wiki/rest/api/space',
  };
  assert.equal(listingUnavailable(new NotFoundError({ ...site, status: 404 })), true);
  assert.equal(listingUnavailable(new RequestRejectedError({ ...site, status: 410 }, 'Gone')), true);
  assert.equal(listingUnavailable(new ServerError({ ...site, status: 500 }, 'boom')), true);
  assert.equal(
    listingUnavailable(
      new SchemaDriftError({
        endpointId: site.endpointId,
        field: 'results',
        expected: 'array',
        problem: 'is missing',
      }),
    ),
    true,
  );
  assert.equal(listingUnavailable(new ForbiddenError({ ...site, status: 403 }, 'no')), false);
  assert.equal(listingUnavailable(new CredentialRejectedError({ ...site, status: 401 })), false);
  assert.equal(listingUnavailable(new RateLimitedError({ ...site, status: 429 }, 'wait')), false);
  assert.equal(listingUnavailable(new NetworkError(site, 'refused')), false);
  assert.equal(listingUnavailable(new Error('boom')), false);
});

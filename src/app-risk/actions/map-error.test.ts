import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorMessageOf } from '../../atlassian/error-body.ts';
import {
  CredentialRejectedError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  RequestRejectedError,
} from '../../atlassian/errors.ts';
import { mapStepError } from './map-error.ts';
import type { ActionStep } from './plan.ts';

// What each Atlassian failure means for one step of an app action.

const where = {
  endpointId: 'upm.jira.delete',
  method: 'DELETE',
  url: 'acme.atlassian.net/rest/plugins/1.0/x-key',
};
const step: ActionStep = {
  site: { cloudId: 'site-1', url: 'https://acme.atlassian.net' },
  product: 'jira',
  appKey: 'com.x',
  appName: 'X',
  framework: 'connect',
};

const codeOf = (error: unknown) => {
  const failure = mapStepError(error, step);
  return failure.result === 'failed'
    ? [failure.result, failure.error.code, failure.error.message]
    : [failure.result];
};

test('UPM’s “must be an administrator” 403 says the write credential is not a site admin of that site', () => {
  const [result, code, message] = codeOf(
    new ForbiddenError(
      where,
      'the account lacks the permission: You must be an administrator to manage apps.',
    ),
  );
  assert.deepEqual([result, code], ['failed', 'not_site_admin']);
  assert.match(
    String(message),
    /not a site admin of https:\/\/acme\.atlassian\.net.*jira apps.*API token of a site administrator/,
  );
});

test('a required system plugin is not removable, and a Forge app gets manual steps', () => {
  assert.deepEqual(
    codeOf(new ForbiddenError(where, "Plugin 'x' is a system plugin and cannot be uninstalled")).slice(0, 2),
    ['failed', 'app_not_removable'],
  );
  const forge = mapStepError(new ForbiddenError(where, "'x' is a Forge app: it cannot be uninstalled"), step);
  assert.equal(forge.result, 'manual_required');
  assert.match(forge.result === 'manual_required' ? forge.manual.steps.join(' ') : '', /Connected apps/);
});

test('UPM’s sub-codes name the cause: a system or bundled app cannot be removed, a non-admin may not', () => {
  for (const subCode of [
    'upm.pluginUninstall.error.plugin.is.system',
    'upm.pluginUninstall.error.plugin.is.static',
    'upm.pluginUninstall.error.plugin.not.uninstallable',
  ]) {
    const reason = `${errorMessageOf({ errorMessage: null, subCode })}`;
    assert.deepEqual(
      codeOf(new ForbiddenError(where, reason)).slice(0, 2),
      ['failed', 'app_not_removable'],
      subCode,
    );
  }
  const notAdmin = errorMessageOf({
    errorMessage: null,
    subCode: 'upm.pluginUninstall.error.insufficient.permission',
  });
  assert.deepEqual(codeOf(new ForbiddenError(where, `${notAdmin}`)).slice(0, 2), [
    'failed',
    'not_site_admin',
  ]);
  // UPM's permission refusal is a bare sentence, not JSON.
  const bare = `${errorMessageOf('Cannot access this resource on this system.')}`;
  assert.deepEqual(codeOf(new ForbiddenError(where, bare)).slice(0, 2), ['failed', 'not_site_admin']);
});

test('401, 404, 429, network and other 4xx each have their own meaning', () => {
  assert.deepEqual(codeOf(new CredentialRejectedError(where)).slice(0, 2), [
    'failed',
    'write_credential_rejected',
  ]);
  assert.deepEqual(codeOf(new NotFoundError(where)), ['not_installed']);
  const limited = codeOf(new RateLimitedError(where, 'Retry-After 300 s', 300_000));
  assert.deepEqual(limited.slice(0, 2), ['failed', 'rate_limited']);
  assert.match(String(limited[2]), /retry in 300 s/);
  assert.deepEqual(codeOf(new NetworkError(where, 'ECONNRESET')).slice(0, 2), [
    'failed',
    'atlassian_unavailable',
  ]);
  assert.deepEqual(codeOf(new RequestRejectedError(where, '415')).slice(0, 2), ['failed', 'atlassian_error']);
});

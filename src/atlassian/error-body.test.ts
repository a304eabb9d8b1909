import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorMessageOf } from './error-body.ts';

// The message a person reads when Atlassian refuses: taken from each product's error body.

test('each product’s error body gives its message', () => {
  assert.equal(errorMessageOf({ errorMessages: ['No project'], errors: {} }), 'No project');
  assert.equal(errorMessageOf({ errorMessages: [], errors: { jql: 'Bad JQL' } }), 'Bad JQL');
  assert.equal(
    errorMessageOf({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Space not found', detail: null }] }),
    'Space not found',
  );
  assert.equal(errorMessageOf({ statusCode: 403, data: {}, message: 'Not permitted' }), 'Not permitted');
  assert.equal(
    errorMessageOf({ code: 401, message: 'Unauthorized; scope does not match' }),
    'Unauthorized; scope does not match',
  );
  assert.equal(
    errorMessageOf({ error: 'invalid_grant', error_description: 'Unknown refresh token' }),
    'Unknown refresh token',
  );
  assert.equal(errorMessageOf({ key: 'forbidden' }), 'forbidden');
  assert.equal(errorMessageOf({ errors: [{ message: 'Field error', extensions: {} }] }), 'Field error');
});

test('UPM’s sub-code-only error says what it means and keeps the sub-code, which tells causes apart', () => {
  assert.equal(
    errorMessageOf({ errorMessage: null, subCode: 'upm.pluginUninstall.error.plugin.is.system' }),
    'the app is a system app, which cannot be uninstalled (upm.pluginUninstall.error.plugin.is.system)',
  );
  assert.equal(
    errorMessageOf({ errorMessage: 'Plugin is busy', subCode: 'upm.pluginUninstall.error.safe.mode' }),
    'Plugin is busy (upm.pluginUninstall.error.safe.mode)',
  );
  // A task error nests it; a bare status code as message is no message.
  assert.equal(
    errorMessageOf({
      status: { errorMessage: '403', subCode: 'upm.pluginUninstall.error.insufficient.permission' },
    }),
    'the account may not uninstall apps: it is not an administrator (upm.pluginUninstall.error.insufficient.permission)',
  );
  assert.equal(
    errorMessageOf({ details: { error: { subCode: 'upm.some.new.code' } } }),
    'the Universal Plugin Manager refused (upm.some.new.code)',
  );
});

test('a body that is no JSON is its first line, unless it is an HTML page', () => {
  assert.equal(
    errorMessageOf('Must have permission to access this resource.'),
    'Must have permission to access this resource.',
  );
  assert.equal(errorMessageOf('<html><body>Oops</body></html>'), undefined);
  assert.equal(errorMessageOf(''), undefined);
  assert.equal(errorMessageOf({}), undefined);
});

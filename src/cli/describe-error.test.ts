import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../config/env.ts';
import { CliError } from './cli-error.ts';
import { describeError } from './describe-error.ts';

// One line naming the problem and the fix, whatever was thrown, told apart by `code`.

const coded = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

test('a CliError is printed as it is', () => {
  assert.equal(describeError(new CliError('usage', 'bad flag — fix it')), 'bad flag — fix it');
});

test('connector errors become one line with the host and the fix', () => {
  assert.match(
    describeError(
      coded('network', 'network failure: x', { url: 'http://127.0.0.1:9/x', networkCode: 'ECONNREFUSED' }),
    ),
    /^cannot reach 127\.0\.0\.1:9 \(ECONNREFUSED\) — check the URL/,
  );
  assert.equal(
    describeError(
      coded(
        'host_not_allowed',
        'outbound call refused: sim:1 is not an Atlassian host and not in PALISADE_ALLOW_HOSTS (site.tenantInfo.get: GET http://sim:1/_edge/tenant_info)',
        {
          url: 'http://sim:1/_edge/tenant_info',
        },
      ),
    ),
    'sim:1 is not an Atlassian host and not in PALISADE_ALLOW_HOSTS — add --allow-host sim:1 (or PALISADE_ALLOW_HOSTS) if you trust it',
  );
  assert.match(
    describeError(
      coded('credential_rejected', 'credential revoked', { url: 'https://acme.atlassian.net/rest' }),
    ),
    /^acme\.atlassian\.net rejected the credential \(401/,
  );
});

test('a SQLite file that is not a database says so', () => {
  assert.match(describeError(coded('ERR_SQLITE_ERROR', 'file is not a database')), /not a Palisade database/);
});

test('a configuration error names the variable', () => {
  assert.match(
    describeError(new ConfigError('Invalid configuration: PALISADE_FAIL_ON: bad')),
    /PALISADE_FAIL_ON.*environment variable/,
  );
});

test('anything else is an unexpected error pointing at --debug, on one line', () => {
  const line = describeError(new Error('boom\n    at somewhere'));
  assert.equal(line, 'unexpected error: boom — run again with --debug for details');
});

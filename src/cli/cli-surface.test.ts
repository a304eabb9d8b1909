import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../config/env.ts';
import { DiscoveryError } from '../connections/discovery-error.ts';
import { describeError } from '../errors.ts';
import { CliError } from './cli-error.ts';
import { CLI_SURFACE } from './cli-surface.ts';

// Whatever was thrown becomes one line naming the problem and the fix, with the CLI's flags.

const line = (error: unknown) => describeError(error, CLI_SURFACE);
const coded = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

test('a CliError is printed as it is', () => {
  assert.equal(line(new CliError('usage', 'bad flag — fix it')), 'bad flag — fix it');
});

test('connector errors become one line with the host and the fix', () => {
  assert.match(
    line(
      coded('network', 'network failure: x', { url: 'http://127.0.0.1:9/x', networkCode: 'ECONNREFUSED' }),
    ),
    /^cannot reach 127\.0\.0\.1:9 \(ECONNREFUSED\) — check the URL/,
  );
  assert.equal(
    line(
      coded(
        'host_not_allowed',
        'outbound call refused: sim:1 is not an Atlassian host and not in PALISADE_ALLOW_HOSTS (site.tenantInfo.get: GET http://sim:1/_edge/tenant_info)',
        { url: 'http://sim:1/_edge/tenant_info' },
      ),
    ),
    'sim:1 is not an Atlassian host and not in PALISADE_ALLOW_HOSTS — add --allow-host sim:1 (or PALISADE_ALLOW_HOSTS) if you trust it',
  );
  assert.match(
    line(coded('credential_rejected', 'credential revoked', { url: 'https://acme.atlassian.net/rest' })),
    /^acme\.atlassian\.net rejected the credential \(401.*--api-token/,
  );
});

test('a discovery problem names the flags to fix', () => {
  assert.equal(
    line(new DiscoveryError({ kind: 'several_orgs', orgIds: ['o-1', 'o-2'] })),
    'the org API key sees 2 organizations — pick one with --org-id (o-1, o-2)',
  );
  assert.equal(
    line(new DiscoveryError({ kind: 'org_key_rejected' })),
    'the admin API rejected the org API key (401: revoked, expired or mistyped) — check --org-api-key (PALISADE_ORG_API_KEY)',
  );
});

test('a missing snapshot or an interrupted scan points at --db', () => {
  assert.equal(
    line(coded('no_complete_snapshot', 'connection org-1 has no complete snapshot')),
    'connection org-1 has no complete snapshot — run palisade scan with this --db first',
  );
  assert.equal(
    line(coded('sync_interrupted', 'sync run r-1 was interrupted')),
    'the scan was interrupted — run it again with the same --db to resume where it stopped',
  );
});

test('a SQLite file that is not a database says so', () => {
  assert.match(line(coded('ERR_SQLITE_ERROR', 'file is not a database')), /not a Palisade database.*--db/);
});

test('a configuration error names the variable', () => {
  assert.match(
    line(new ConfigError('the environment variable PALISADE_FAIL_ON must be one of critical, high')),
    /^the environment variable PALISADE_FAIL_ON must be one of critical, high — correct it or unset it$/,
  );
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NetworkError } from './atlassian/errors.ts';
import { DiscoveryError } from './connections/discovery-error.ts';
import {
  describeError,
  ERROR_CODES,
  ERROR_KINDS,
  exitCodeOf,
  httpStatusOf,
  kindOf,
  PLAIN_SURFACE,
} from './errors.ts';
import { ReportError } from './report/errors.ts';
import { ScanError } from './scan/scan-error.ts';
import { SyncInterruptedError } from './sync/sync-errors.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));

const coded = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

test('an error’s kind follows from its code, and decides the exit code and the HTTP status', () => {
  const busy = new ScanError('scan_in_progress', 'org-1', 'another scan of org-1 is running');
  assert.equal(busy.kind, 'conflict');
  assert.equal(exitCodeOf(busy), 1);
  assert.equal(httpStatusOf(busy), 409);
  const unreachable = new NetworkError(
    { endpointId: 'x', method: 'GET', url: 'https://a.atlassian.net/x' },
    'down',
  );
  assert.equal(unreachable.kind, 'atlassian_unavailable');
  assert.equal(httpStatusOf(unreachable), 502);
  assert.equal(httpStatusOf(new ReportError('unknown_format', 'no such format')), 400);
  assert.equal(kindOf(new SyncInterruptedError('run-1')), 'interrupted');
});

test('a database driver’s error is a storage problem, and anything unknown an internal one', () => {
  assert.equal(kindOf(coded('ERR_SQLITE_ERROR', 'file is not a database')), 'storage');
  assert.equal(kindOf(coded('28P01', 'password authentication failed')), 'storage');
  assert.equal(kindOf(new Error('boom')), 'internal');
  assert.equal(httpStatusOf('a string'), 500);
});

test('every kind has an exit code for the CLI and an HTTP status for the server, and every code a kind', () => {
  for (const [kind, { exitCode, httpStatus }] of Object.entries(ERROR_KINDS)) {
    assert.ok(exitCode > 0, kind);
    assert.ok(httpStatus >= 400 && httpStatus < 600, kind);
  }
  for (const [code, entry] of Object.entries(ERROR_CODES)) assert.ok(entry.kind in ERROR_KINDS, code);
});

test('every error class Palisade exports is a PalisadeError with a catalogue code', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(SRC);
  const offenders = files
    .filter((file) => file !== join(SRC, 'errors.ts'))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/export (?:abstract )?class (\w+) extends Error\b/g)].map(
        (m) => `${relative(SRC, file)}: ${m[1]}`,
      ),
    );
  assert.deepEqual(offenders, []);
});

test('without a surface, a fix names the setting to change in plain words', () => {
  const rejected = new DiscoveryError({
    kind: 'site_credential_rejected',
    url: 'https://acme.atlassian.net',
  });
  assert.equal(
    describeError(rejected, PLAIN_SURFACE),
    "acme.atlassian.net rejected the site credential (401: API token revoked, expired or not this account's) — check the e-mail and API token of the site credential",
  );
  assert.equal(
    describeError(
      coded(
        'host_not_allowed',
        'outbound call refused: sim:1 is not an Atlassian host and not in PALISADE_ALLOW_HOSTS (x: GET http://sim:1/)',
        {
          url: 'http://sim:1/',
        },
      ),
    ),
    'sim:1 is not an Atlassian host and not in PALISADE_ALLOW_HOSTS — add sim:1 to PALISADE_ALLOW_HOSTS if you trust it',
  );
});

test('a fix the thrower gives wins over the catalogue’s, and a message is one line', () => {
  const busy = new ScanError('scan_in_progress', 'org-1', 'another scan of org-1 is running', {
    fix: 'wait for it to finish',
  });
  assert.equal(describeError(busy), 'another scan of org-1 is running — wait for it to finish');
  assert.equal(
    describeError(new Error('boom\n    at somewhere')),
    'unexpected error: boom — run again with --debug for details',
  );
});

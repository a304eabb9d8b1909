import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startPalisade } from './long-running.ts';
import { runPalisade } from './support.ts';

// `palisade serve` on a fresh data directory, as an operator starts it: where it listens, the
// one-time setup link (once, on an empty database), the private key file, the health route, and
// a clean stop on SIGTERM.

test('serve prints where it listens and the setup link, creates the owner through it, and stops on SIGTERM', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'palisade-serve-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  const server = startPalisade(['serve', '--port', '0'], { cwd });
  t.after(() => server.stop());
  const [, url] = await server.waitFor(/Palisade listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const [, link] = await server.waitFor(/First run: create the owner at (\S+)/);
  assert.ok(link?.startsWith(`${url}/setup?token=`), link);
  assert.equal(statSync(join(cwd, 'data', 'secret.key')).mode & 0o777, 0o600);

  const health = await fetch(`${url}/api/v1/health`);
  assert.equal(health.status, 200);
  assert.equal(((await health.json()) as { database: string }).database, 'ok');
  const token = new URL(link ?? '').searchParams.get('token');
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      email: 'owner@acme.test',
      name: 'Owner',
      password: 'a long enough password',
    }),
  });
  assert.equal(setup.status, 200);
  assert.equal(await server.stop(), 0);
  assert.match(server.stderr(), /Palisade stopping/);

  // Started again on the same data: an owner exists, so no setup link.
  const again = startPalisade(['serve', '--port', '0'], { cwd });
  t.after(() => again.stop());
  await again.waitFor(/Palisade listening on/);
  assert.doesNotMatch(again.stderr(), /First run/);
  assert.equal(await again.stop(), 0);
});

test('serve refuses a wrong setting at start, naming the variable', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'palisade-serve-'));
  try {
    const run = await runPalisade(['serve', '--port', '0'], {
      cwd,
      env: { PALISADE_SCAN_INTERVAL: 'often' },
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /PALISADE_SCAN_INTERVAL must be a duration like 30m, 6h or 1d/);
    const port = await runPalisade(['serve', '--port', 'eighty'], { cwd });
    assert.equal(port.code, 1);
    assert.match(port.stderr, /"eighty" is not a port/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { palisade } from './in-process.ts';
import { closedPort } from './support.ts';

// An unusable report destination is found before the sync: the scan targets a closed port, so a
// check that came after the sync would report the unreachable host instead.

const dir = mkdtempSync(join(tmpdir(), 'palisade-output-dir-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function scanInto(reportArgs: string[]) {
  const port = await closedPort();
  return palisade(
    [
      'scan',
      '--quiet',
      '--site',
      `http://127.0.0.1:${port}`,
      '--email',
      'admin@example.com',
      '--api-token',
      'not-a-real-token',
      '--allow-host',
      `127.0.0.1:${port}`,
      ...reportArgs,
    ],
    { cwd: dir },
  );
}

test('an --output-dir that is a file is refused before the scan starts, naming it', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder');
  const run = await scanInto(['--output-dir', file]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /a-file is a file, not a folder/);
  assert.doesNotMatch(run.stderr, /cannot reach/);
  assert.equal(run.stderr.trim().split('\n').length, 1);
});

test('an --output-dir under a file, or an --output that is a folder, is refused before the scan starts', async () => {
  const file = join(dir, 'blocker');
  writeFileSync(file, 'not a folder');
  const under = await scanInto(['--output-dir', join(file, 'reports')]);
  assert.equal(under.code, 1);
  assert.match(under.stderr, /blocker is a file, not a folder/);
  const folder = await scanInto(['--format', 'json', '--output', dir]);
  assert.equal(folder.code, 1);
  assert.match(folder.stderr, /is a folder — choose a writable --output-dir or --output/);
});

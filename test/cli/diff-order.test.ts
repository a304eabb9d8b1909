import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { palisade } from './in-process.ts';

// `diff --from 5 --to 1` is a slip of the order, answered as one before any database is opened.

test('diff with --from newer than --to says the order is reversed and how to fix it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-cli-diff-order-'));
  try {
    const run = await palisade(['diff', '--db', join(dir, 'none.db'), '--from', '5', '--to', '1'], {
      cwd: dir,
    });
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      'palisade: --from 5 is newer than --to 1: the order is reversed — pass --from 1 --to 5\n',
    );
    const same = await palisade(['diff', '--db', join(dir, 'none.db'), '--from', '3', '--to', '3'], {
      cwd: dir,
    });
    assert.match(same.stderr, /--from and --to both name snapshot 3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

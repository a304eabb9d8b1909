import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateBaseline } from './generate-baseline.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the generated files in the repository are current', async () => {
  const report = await generateBaseline({ root, check: true });
  assert.deepEqual(report, { files: ['src/rules/catalogue/index.ts', 'docs/baseline.md'], stale: [] });
});

test('--check reports stale generated files without writing; a plain run writes them', async () => {
  // A scratch root whose area folder links to the real one (imports resolve from the real files).
  const scratch = mkdtempSync(join(tmpdir(), 'palisade-generate-'));
  try {
    mkdirSync(join(scratch, 'src/rules/catalogue'), { recursive: true });
    mkdirSync(join(scratch, 'docs'));
    symlinkSync(join(root, 'src/rules/catalogue/identity'), join(scratch, 'src/rules/catalogue/identity'));
    const expected = ['src/rules/catalogue/index.ts', 'docs/baseline.md'];
    assert.deepEqual((await generateBaseline({ root: scratch, check: true })).stale, expected);
    assert.throws(() => readFileSync(join(scratch, 'docs/baseline.md')), 'check writes nothing');
    assert.deepEqual((await generateBaseline({ root: scratch })).stale, expected);
    assert.deepEqual((await generateBaseline({ root: scratch, check: true })).stale, []);
    const index = readFileSync(join(scratch, 'src/rules/catalogue/index.ts'), 'utf8');
    assert.match(index, /\{ file: 'identity\/org_sso_enforced\.rule\.ts', rule: r\d+ \}/);
    assert.ok(!index.includes('jira/'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

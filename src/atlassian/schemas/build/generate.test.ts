import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { DEFAULT_OUT_DIR, generate, PROJECT_ROOT, SCHEMAS_FILE, TYPES_FILE } from './generate.ts';

// `node scripts/generate-api-schemas.ts --check` is what CI runs: it must pass on the committed
// files and fail, naming the file, when one is stale. Tampering happens on a temporary copy.

const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'palisade-api-schemas-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('the committed generated files are current (`--check` exits 0)', async () => {
  const { stdout } = await run(process.execPath, ['scripts/generate-api-schemas.ts', '--check'], {
    cwd: PROJECT_ROOT,
  });
  assert.match(stdout, /API schemas are current/);
});

test('a tampered or missing generated file is reported stale by name, and regenerating fixes it', async () => {
  const outDir = join(temp, 'generated');
  cpSync(DEFAULT_OUT_DIR, outDir, { recursive: true });
  assert.deepEqual((await generate({ check: true, outDir })).stale, []);

  const types = join(outDir, TYPES_FILE);
  writeFileSync(types, readFileSync(types, 'utf8').replace('accountId?: string', 'accountId?: number'));
  rmSync(join(outDir, SCHEMAS_FILE));
  const result = await generate({ check: true, outDir });
  assert.deepEqual(
    result.stale.map((f) => f.split('/').pop()),
    [SCHEMAS_FILE, TYPES_FILE],
  );

  await generate({ outDir });
  assert.deepEqual((await generate({ check: true, outDir })).stale, []);
  assert.equal(readFileSync(types, 'utf8'), readFileSync(resolve(DEFAULT_OUT_DIR, TYPES_FILE), 'utf8'));
});

test('the CLI names the stale file and exits 1', async () => {
  const outDir = join(temp, 'cli');
  cpSync(DEFAULT_OUT_DIR, outDir, { recursive: true });
  writeFileSync(join(outDir, SCHEMAS_FILE), '{}\n');
  await assert.rejects(
    run(process.execPath, ['scripts/generate-api-schemas.ts', '--check', '--out-dir', outDir], {
      cwd: PROJECT_ROOT,
    }),
    (error: { code?: number; stderr?: string }) =>
      error.code === 1 && new RegExp(`${SCHEMAS_FILE.replace('.', '\\.')} is stale`).test(error.stderr ?? ''),
  );
  await assert.rejects(
    run(process.execPath, ['scripts/generate-api-schemas.ts', '--chek'], { cwd: PROJECT_ROOT }),
    (error: { code?: number; stderr?: string }) =>
      error.code === 2 && /Unknown argument --chek/.test(error.stderr ?? ''),
  );
});

test('missing specs are a clear error naming the folder', async () => {
  await assert.rejects(
    generate({ check: true, outDir: temp, specsDir: join(temp, 'no-specs') }),
    /official Atlassian OpenAPI specs are missing: expected the folder .*no-specs/,
  );
});

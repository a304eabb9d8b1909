import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { frameworks } from '../compliance/index.ts';
import { renderBaseline } from '../generate/baseline-markdown.ts';
import { listRuleFiles } from '../generate/list-rule-files.ts';
import { renderRuleIndex } from '../generate/rule-index-source.ts';
import { validateCatalogue } from '../registry.ts';
import { catalogue } from './index.ts';

// The build gate for the catalogue: these fail `npm test` when a rule breaks a registry rule or a
// generated file is stale (`npm run generate` fixes the latter).

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');

test('every rule in the catalogue has a valid id, area, metadata, compliance mapping and test file', () => {
  const problems = validateCatalogue(catalogue, {
    frameworks,
    fileExists: (file) => existsSync(join(here, file)),
  });
  assert.deepEqual(problems, []);
});

test('the generated rule index lists every rule file (run `npm run generate` if not)', () => {
  assert.equal(readFileSync(join(here, 'index.ts'), 'utf8'), renderRuleIndex(listRuleFiles(here)));
});

test('docs/baseline.md matches the rules’ metadata (run `npm run generate` if not)', () => {
  const expected = renderBaseline(
    catalogue.map((e) => e.rule),
    frameworks,
  );
  // The credentials section comes from the endpoint catalogue, which rules may not import:
  // scripts/generate-baseline.test.ts checks the whole file.
  const doc = readFileSync(join(root, 'docs/baseline.md'), 'utf8').replace(
    /## Credentials a full scan needs\n[\s\S]*?\n(?=## )/,
    '',
  );
  assert.equal(doc, expected);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  allowedImports,
  cycles,
  type ImportEdge,
  importsOf,
  isTestCode,
  SRC,
  sourceFiles,
} from './import-boundaries.ts';

// Every import between the folders of src/ is one the table in src/README.md allows, so a later
// change cannot quietly cross a layer; and no folders import each other in a circle. Files at the
// root of src/ (errors.ts) are shared by every folder and import no folder.

const table = allowedImports(readFileSync(join(SRC, 'README.md'), 'utf8'));
const shipped = sourceFiles().filter((f) => !isTestCode(f));
const units = [...table.keys()];
const edges: ImportEdge[] = shipped.flatMap((f) => importsOf(f, units));
const isRootFile = (unit: string) => unit.endsWith('.ts');

test('src/README.md has a row for every folder of src/, and only for those', () => {
  const folders = new Set(
    shipped.map((f) => f.slice(SRC.length + 1).split('/')[0] ?? '').filter((unit) => !isRootFile(unit)),
  );
  const listed = new Set(units.map((u) => u.split('/')[0] ?? u));
  assert.deepEqual([...listed].sort(), [...folders].sort());
});

test('every import between folders of src/ is one the table in src/README.md allows', () => {
  const crossings = edges
    .filter((e) => !isRootFile(e.to))
    .filter((e) => {
      if (isRootFile(e.from)) return true;
      const allowed = table.get(e.from)?.get(e.to);
      return allowed === undefined || (allowed === 'types' && !e.typeOnly);
    })
    .map((e) => `${e.file} imports ${e.typeOnly ? 'types from ' : ''}${e.to}/`);
  assert.deepEqual([...new Set(crossings)], []);
});

test('nothing in src/ imports the tests or anything outside src/ but the simulator, where the table allows it', () => {
  const outside = edges.filter((e) => e.to.startsWith('outside:'));
  assert.deepEqual(
    outside.map((e) => `${e.file} → ${e.to}`),
    [],
  );
});

test('no folders of src/ import each other in a circle', () => {
  assert.deepEqual(cycles(edges), []);
});

test('the parser reads the table, type-only entries and "everything above"', () => {
  const parsed = allowedImports(
    [
      '| Folder | What | May import |',
      '|---|---|---|',
      '| `db/` | store | — |',
      '| `rules/` | rules | `db`, `report` types |',
      '| `cli/` | the command | everything above, `simulator` (the demo) |',
    ].join('\n'),
  );
  assert.deepEqual(Object.fromEntries([...parsed].map(([k, v]) => [k, Object.fromEntries(v)])), {
    db: {},
    rules: { db: 'all', report: 'types' },
    cli: { db: 'all', rules: 'all', simulator: 'all' },
  });
});

test('a circle between folders is found, and a chain is not one', () => {
  const edge = (from: string, to: string): ImportEdge => ({
    file: `${from}/x.ts`,
    from,
    to,
    typeOnly: false,
  });
  assert.deepEqual(cycles([edge('a', 'b'), edge('b', 'c')]), []);
  assert.deepEqual(cycles([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')]), [
    ['a', 'b', 'c'],
  ]);
});

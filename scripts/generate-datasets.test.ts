import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { COLLECTORS_REGISTRY, DATASETS_DOC, DATASETS_INDEX, generateDatasets } from './generate-datasets.ts';

// The registries are made from what the dataset and collector files declare: a dataset without a
// collector, or two collectors for one dataset, stop the generation naming them. The fixtures are
// tiny stand-in modules in a temporary tree (the generator reads declarations by their shape).

const temp = mkdtempSync(join(tmpdir(), 'palisade-registries-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let trees = 0;
function tree(datasets: Record<string, string[]>, collectors: Record<string, string>): string {
  const root = join(temp, `t${trees++}`);
  mkdirSync(join(root, 'src/inventory/datasets'), { recursive: true });
  mkdirSync(join(root, 'src/sync/collectors'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  for (const [file, names] of Object.entries(datasets)) {
    const body = names.map(
      (name) =>
        `export const ${name.replace(/[.-](\w)/g, (_m, c: string) => c.toUpperCase())} = { name: '${name}', scope: 'site', kind: 'snapshot', key: () => '', schema: { safeParse: () => ({}) } };`,
    );
    writeFileSync(join(root, 'src/inventory/datasets', file), `${body.join('\n')}\n`);
  }
  for (const [file, dataset] of Object.entries(collectors)) {
    writeFileSync(
      join(root, 'src/sync/collectors', file),
      `export const collector = { dataset: '${dataset}' };\n`,
    );
  }
  // Helpers without a `collector` are not collector files.
  writeFileSync(join(root, 'src/sync/collectors/walk.ts'), 'export const walk = () => undefined;\n');
  return root;
}

test('the committed registries are what the dataset and collector files declare', async () => {
  assert.deepEqual((await generateDatasets({ check: true })).stale, []);
});

test('a dataset added to a file and its collector file are registered without editing a registry', async () => {
  const root = tree(
    { 'jira.ts': ['jira.users', 'jira.groups'], 'org.ts': ['org.domains'] },
    { 'jira-users.ts': 'jira.users', 'jira-groups.ts': 'jira.groups', 'org-domains.ts': 'org.domains' },
  );
  const first = await generateDatasets({ root });
  assert.deepEqual(first.stale, [DATASETS_INDEX, COLLECTORS_REGISTRY, DATASETS_DOC]);
  const index = readFileSync(join(root, DATASETS_INDEX), 'utf8');
  assert.match(
    index,
    /'jira\.groups': jiraGroups,\n\s+'jira\.users': jiraUsers,\n\s+'org\.domains': orgDomains,/,
  );
  assert.match(index, /export \* from '\.\/jira\.ts';/);
  const registry = readFileSync(join(root, COLLECTORS_REGISTRY), 'utf8');
  assert.match(registry, /c0, \/\/ jira\.groups\n\s+c1, \/\/ jira\.users\n\s+c2, \/\/ org\.domains/);
  assert.doesNotMatch(registry, /walk\.ts/);
  assert.deepEqual((await generateDatasets({ root, check: true })).stale, []);

  // A new dataset file (modules are loaded once per process: a changed one would not be re-read).
  writeFileSync(
    join(root, 'src/inventory/datasets/org-policies.ts'),
    "export const orgPolicies = { name: 'org.policies', scope: 'org', kind: 'snapshot', key: () => '', schema: { safeParse: () => ({}) } };\n",
  );
  writeFileSync(
    join(root, 'src/sync/collectors/org-policies.ts'),
    "export const collector = () => ({ dataset: 'org.policies' });\n",
  );
  const second = await generateDatasets({ root, check: true });
  assert.deepEqual(second.stale, [DATASETS_INDEX, COLLECTORS_REGISTRY, DATASETS_DOC]);
  assert.match(readFileSync(join(root, DATASETS_DOC), 'utf8'), /\| `jira\.users` \| site, snapshot \|/);
});

test('a dataset no collector fills stops the generation, naming it', async () => {
  const root = tree({ 'jira.ts': ['jira.users', 'jira.fields'] }, { 'jira-users.ts': 'jira.users' });
  await assert.rejects(generateDatasets({ root }), /No collector fills jira\.fields/);
});

test('two collectors for one dataset, or one for an undeclared dataset, stop the generation', async () => {
  const twice = tree({ 'jira.ts': ['jira.users'] }, { 'a.ts': 'jira.users', 'b.ts': 'jira.users' });
  await assert.rejects(generateDatasets({ root: twice }), /Two collectors fill jira\.users: a\.ts and b\.ts/);
  const stray = tree({ 'jira.ts': ['jira.users'] }, { 'a.ts': 'jira.users', 'b.ts': 'jira.nope' });
  await assert.rejects(
    generateDatasets({ root: stray }),
    /b\.ts fills jira\.nope, which no dataset declares/,
  );
  const named = tree({ 'a.ts': ['jira.users'], 'b.ts': ['jira.users'] }, { 'c.ts': 'jira.users' });
  await assert.rejects(generateDatasets({ root: named }), /Two datasets are named jira\.users/);
});

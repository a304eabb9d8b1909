import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatWithBiome } from '../src/atlassian/schemas/build/emit-types.ts';

// Generates what a dataset would otherwise be added to by hand (DESIGN.md convention 10), the way
// the rule index is generated from the rule files:
//   src/inventory/datasets/index.ts   every dataset declared (defineDataset) in a file of that folder,
//                                     by name, with the lookup `dataset(name)`
//   src/sync/collectors/registry.ts   every collector file's `collector`, in dataset-name order
//   docs/datasets.md                  the table of datasets: what each holds, where it comes from,
//                                     what it needs and who reads it
// A dataset without a collector, or two collectors for one dataset, fail the generation by name.
// `scripts/generate.ts` runs it with the other generators (`npm run generate`, `--check` in CI).

const ROOT = resolve(import.meta.dirname, '..');
export const DATASETS_DIR = 'src/inventory/datasets';
export const COLLECTORS_DIR = 'src/sync/collectors';
export const DATASETS_INDEX = `${DATASETS_DIR}/index.ts`;
export const COLLECTORS_REGISTRY = `${COLLECTORS_DIR}/registry.ts`;
export const DATASETS_DOC = 'docs/datasets.md';

/** Files of a folder that are not tests, test helpers or the generated file itself. */
const isSource = (file: string, generated: string) =>
  file.endsWith('.ts') &&
  !file.endsWith('.test.ts') &&
  !file.startsWith('test-support') &&
  !file.endsWith('.test-support.ts') &&
  file !== generated;

/** The declaration modules the datasets index does not list: the shape itself and the credential guard. */
const DATASET_INFRASTRUCTURE = new Set(['dataset.ts', 'secret-keys.ts']);

/** What the generator reads of a dataset (src/inventory/datasets/dataset.ts `Dataset`). */
interface DatasetShape {
  name: string;
  scope: 'org' | 'site';
  kind?: string;
  product?: string;
  holds?: string;
  endpoints?: readonly string[];
  usedBy?: readonly string[];
  access?: { needs: string; without: string };
}

interface DeclaredDataset {
  name: string;
  exportName: string;
  file: string;
  dataset: DatasetShape;
}

/** What the generator reads of a collector (src/sync/collector.ts `Collector`). */
interface CollectorShape {
  dataset: string;
  credential?: string;
  dependsOn?: readonly string[];
}

interface DeclaredCollector {
  dataset: string;
  file: string;
  collector: CollectorShape;
}

function isDataset(value: unknown): value is DatasetShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    (v.scope === 'org' || v.scope === 'site') &&
    typeof v.key === 'function' &&
    typeof (v.schema as { safeParse?: unknown } | undefined)?.safeParse === 'function'
  );
}

async function declaredDatasets(root: string): Promise<{ datasets: DeclaredDataset[]; modules: string[] }> {
  const dir = join(root, DATASETS_DIR);
  const modules = readdirSync(dir)
    .filter((f) => isSource(f, 'index.ts') && !DATASET_INFRASTRUCTURE.has(f))
    .sort();
  const datasets: DeclaredDataset[] = [];
  const seen = new Map<unknown, string>();
  for (const file of modules) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(module)) {
      if (!isDataset(value) || seen.has(value)) continue;
      const clash = datasets.find((d) => d.name === value.name);
      if (clash) {
        throw new Error(
          `Two datasets are named ${value.name}: ${clash.exportName} (${clash.file}) and ${exportName} (${file})`,
        );
      }
      seen.set(value, exportName);
      datasets.push({ name: value.name, exportName, file, dataset: value });
    }
  }
  datasets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { datasets, modules };
}

/** Settings that make every collector without calling anything (the cache is never asked). */
const DESCRIBING = {
  marketplaceCache: { get: async () => undefined, put: async () => undefined },
};

async function declaredCollectors(root: string): Promise<DeclaredCollector[]> {
  const dir = join(root, COLLECTORS_DIR);
  const out: DeclaredCollector[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => isSource(f, 'registry.ts') && f !== 'index.ts')
    .sort()) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { collector?: unknown };
    if (module.collector === undefined) continue;
    const made = typeof module.collector === 'function' ? module.collector(DESCRIBING) : module.collector;
    const dataset = (made as { dataset?: unknown } | null)?.dataset;
    if (typeof dataset !== 'string') {
      throw new Error(`${COLLECTORS_DIR}/${file} exports a \`collector\` that is not one (defineCollector)`);
    }
    const clash = out.find((c) => c.dataset === dataset);
    if (clash) throw new Error(`Two collectors fill ${dataset}: ${clash.file} and ${file}`);
    out.push({ dataset, file, collector: made as CollectorShape });
  }
  return out.sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0));
}

const BANNER = (what: string, how: string) =>
  `// GENERATED by scripts/generate-datasets.ts from ${what}.\n// Do not edit: ${how}, then run \`npm run generate\`.\n`;

export function renderDatasetsIndex(
  datasets: readonly DeclaredDataset[],
  modules: readonly string[],
): string {
  const byFile = new Map<string, string[]>([['dataset.ts', []]]);
  for (const d of datasets) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.exportName]);
  const files = [...byFile.keys()].sort();
  const lines = [
    BANNER(
      'the datasets declared under src/inventory/datasets/',
      'declare a dataset (defineDataset) in any file there',
    ),
    ...files.map((file) =>
      file === 'dataset.ts'
        ? "import { type Dataset, datasetIn } from './dataset.ts';"
        : `import { ${[...(byFile.get(file) ?? [])].sort().join(', ')} } from './${file}';`,
    ),
    '',
    ...[...modules, 'dataset.ts'].sort().map((file) => `export * from './${file}';`),
    '',
    '/** Every dataset Palisade stores, by name. */',
    'export const DATASETS = {',
    ...datasets.map((d) => `  '${d.name}': ${d.exportName},`),
    '} as const;',
    '',
    '/** The name of a dataset Palisade stores. */',
    'export type DatasetName = keyof typeof DATASETS;',
    '',
    '/** Every dataset, in name order. */',
    'export const datasets: readonly Dataset[] = Object.values(DATASETS);',
    '',
    '/** The dataset with this name; throws on an unknown name so a typo fails at start. */',
    'export function dataset(name: string): Dataset {',
    '  return datasetIn(DATASETS, name);',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

export function renderCollectorsRegistry(collectors: readonly DeclaredCollector[]): string {
  const lines = [
    BANNER('the `collector` of each file under src/sync/collectors/', 'export `collector` from a file there'),
    ...[
      ...collectors.map((c, i) => [c.file, `import { collector as c${i} } from './${c.file}';`]),
      ['settings.ts', "import type { CollectorExport } from './settings.ts';"],
    ]
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
      .map(([, line]) => line as string),
    '',
    '/** Every collector, in the order of the datasets they fill (by name). */',
    'export const collectorExports: readonly CollectorExport[] = [',
    ...collectors.map((c, i) => `  c${i}, // ${c.dataset}`),
    '];',
  ];
  return `${lines.join('\n')}\n`;
}

const RIGHTS: Record<string, string> = {
  'jira-admin': 'Jira administrator',
  'confluence-admin': 'Confluence administrator',
  'product-admin': 'administrator of each product',
};

const CREDENTIALS: Record<string, string> = {
  org: 'org API key',
  site: 'site credential',
  none: 'none (anonymous, or derived)',
};

/** A table cell: pipes escaped, never empty. */
const cell = (text: string | undefined) => (text ? text.replace(/\|/g, '\\|') : '—');
const codes = (items: readonly string[] | undefined) =>
  items && items.length > 0 ? items.map((i) => `\`${i}\``).join(', ') : undefined;

export function renderDatasetsDoc(
  datasets: readonly DeclaredDataset[],
  collectors: readonly DeclaredCollector[],
): string {
  const rows = datasets.map(({ name, file, dataset: d }) => {
    const c = collectors.find((x) => x.dataset === name);
    const where = d.scope === 'org' ? 'org' : d.product ? `site (${d.product})` : 'site';
    const right = d.access
      ? `; ${RIGHTS[d.access.needs] ?? d.access.needs} (without: ${d.access.without})`
      : '';
    return [
      `\`${name}\``,
      `${where}, ${d.kind ?? '—'}`,
      cell(d.holds),
      cell(codes(d.endpoints) ?? 'derived: no call'),
      cell(`${CREDENTIALS[c?.collector.credential ?? ''] ?? '—'}${right}`),
      cell(codes(c?.collector.dependsOn)),
      `[${file}](../${DATASETS_DIR}/${file}), [${c?.file}](../${COLLECTORS_DIR}/${c?.file})`,
      cell(d.usedBy?.join(', ')),
    ];
  });
  const lines = [
    '# Datasets',
    '',
    '<!-- GENERATED by scripts/generate-datasets.ts from src/inventory/datasets and src/sync/collectors.',
    '     Do not edit: change a dataset or its collector, then run `npm run generate`. -->',
    '',
    'What a sync stores, one dataset per kind of record (src/inventory/datasets/README.md), each filled by',
    'one collector (src/sync/collectors/README.md). Endpoints are catalogue ids (src/atlassian/catalogue);',
    'what a collector costs in calls is its `cost`, beside its code. Without the right a dataset names,',
    'it is `forbidden` (not asked) or `partial` (read, short of what the right would show).',
    '',
    '| Dataset | Where, kind | Holds | Endpoints | Credential; right | Reads first | Declared in | Used by |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

export interface GenerateOptions {
  /** The repository root (the folder holding src/). */
  root?: string;
  /** Compare instead of writing. */
  check?: boolean;
}

export interface GenerateReport {
  files: string[];
  stale: string[];
}

/** Writes (or with `check` compares) one generated file; true when it differed. */
function settle(root: string, path: string, source: string, check: boolean, typescript = true): boolean {
  const content = typescript ? formatWithBiome(source, path, ROOT) : source;
  const full = join(root, path);
  if (existsSync(full) && readFileSync(full, 'utf8') === content) return false;
  if (!check) writeFileSync(full, content);
  return true;
}

export async function generateDatasets(options: GenerateOptions = {}): Promise<GenerateReport> {
  const root = options.root ?? ROOT;
  const check = options.check ?? false;
  const report: GenerateReport = { files: [DATASETS_INDEX, COLLECTORS_REGISTRY, DATASETS_DOC], stale: [] };
  const { datasets, modules } = await declaredDatasets(root);
  // Collectors import their datasets through the index: it is settled before they are loaded.
  if (settle(root, DATASETS_INDEX, renderDatasetsIndex(datasets, modules), check)) {
    report.stale.push(DATASETS_INDEX);
  }
  const collectors = await declaredCollectors(root);
  const missing = datasets.filter((d) => !collectors.some((c) => c.dataset === d.name)).map((d) => d.name);
  const unknown = collectors.filter((c) => !datasets.some((d) => d.name === c.dataset));
  if (missing.length > 0) throw new Error(`No collector fills ${missing.join(', ')} (src/sync/collectors)`);
  if (unknown.length > 0) {
    throw new Error(
      `${unknown.map((c) => `${c.file} fills ${c.dataset}`).join(', ')}, which no dataset declares (src/inventory/datasets)`,
    );
  }
  if (settle(root, COLLECTORS_REGISTRY, renderCollectorsRegistry(collectors), check)) {
    report.stale.push(COLLECTORS_REGISTRY);
  }
  if (settle(root, DATASETS_DOC, renderDatasetsDoc(datasets, collectors), check, false)) {
    report.stale.push(DATASETS_DOC);
  }
  return report;
}

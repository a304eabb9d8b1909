import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { frameworks } from '../src/rules/compliance/index.ts';
import { type BaselineCredentials, renderBaseline } from '../src/rules/generate/baseline-markdown.ts';
import { listRuleFiles } from '../src/rules/generate/list-rule-files.ts';
import { renderRuleIndex } from '../src/rules/generate/rule-index-source.ts';
import type { Rule } from '../src/rules/rule.ts';
import { describedCollectors } from '../src/sync/collectors/index.ts';
import {
  describeNeed,
  orgDatasetNeeds,
  scopedKeyScopes,
  siteHostOnlyDatasets,
} from '../src/sync/org-key-reach.ts';

// Generates the files derived from the rule catalogue (DESIGN.md convention 10):
//   src/rules/catalogue/index.ts   the list of rule modules
//   docs/baseline.md               the secure baseline, from the rules' metadata (and what each
//                                  credential reads, from the collectors and the endpoint catalogue)
// `node scripts/generate-baseline.ts` writes them; `--check` writes nothing and exits 1 naming
// the stale ones (CI). scripts/generate.ts runs `generateBaseline` with the other generators. Rules are imported from their files, not from the index, so a stale index
// cannot hide a rule from the baseline.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface GenerateOptions {
  /** The repository root (the folder holding src/ and docs/). */
  root?: string;
  /** Compare instead of writing. */
  check?: boolean;
}

/** The shape scripts/generate.ts expects of every generator. */
export interface GenerateReport {
  /** Every file this generator makes, relative to the root. */
  files: string[];
  /** Those that differed from (or were missing on) disk: rewritten, or with `check` only reported. */
  stale: string[];
}

/** What each credential reads, from the collectors' endpoints and the catalogue. */
function baselineCredentials(): BaselineCredentials {
  const collectors = describedCollectors();
  const needs = orgDatasetNeeds(collectors);
  return {
    orgDatasets: needs.map((n) => ({ dataset: n.dataset, needs: describeNeed(n.requirement) })),
    scopedKeyScopes: scopedKeyScopes(needs),
    unscopedOnly: needs.filter((n) => n.requirement === 'unscoped-key').map((n) => n.dataset),
    siteHostOnly: siteHostOnlyDatasets(collectors),
  };
}

async function loadRules(catalogueDir: string, files: readonly string[]): Promise<Rule[]> {
  const rules: Rule[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(catalogueDir, file)).href)) as { rule?: Rule };
    if (!module.rule)
      throw new Error(`${file} does not export \`rule\` (export const rule = defineRule({…}))`);
    rules.push(module.rule);
  }
  return rules;
}

export async function generateBaseline(options: GenerateOptions = {}): Promise<GenerateReport> {
  const root = options.root ?? ROOT;
  const catalogueDir = join(root, 'src/rules/catalogue');
  const files = listRuleFiles(catalogueDir);
  const rules = await loadRules(catalogueDir, files);
  const outputs: [string, string][] = [
    ['src/rules/catalogue/index.ts', renderRuleIndex(files)],
    ['docs/baseline.md', renderBaseline(rules, frameworks, baselineCredentials())],
  ];
  const report: GenerateReport = { files: outputs.map(([path]) => path), stale: [] };
  for (const [path, content] of outputs) {
    const full = join(root, path);
    const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    if (current === content) continue;
    report.stale.push(path);
    if (!options.check) writeFileSync(full, content);
  }
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const check = process.argv.includes('--check');
  const report = await generateBaseline({ check });
  if (check && report.stale.length > 0) {
    console.error(
      `Generated files are stale: ${report.stale.join(', ')}. Run \`npm run generate\` and commit them.`,
    );
    process.exitCode = 1;
  } else if (!check) {
    console.log(
      report.stale.length > 0 ? `Wrote ${report.stale.join(', ')}.` : 'Generated files are up to date.',
    );
  }
}

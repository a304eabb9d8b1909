import { z } from 'zod';
import { ATTESTATION_SUBJECTS, isSubjectName } from './attestation-subjects.ts';
import type { Framework } from './compliance/framework.ts';
import { datasetScope, isDatasetName } from './dataset-catalogue.ts';
import type { Rule } from './rule.ts';
import { ruleMetaSchema } from './rule-meta.ts';

// The catalogue's integrity rules. The registry test runs them on the generated index, so the
// build fails when a rule breaks one; each returns a problem a person can fix from its message.

export interface CatalogueEntry {
  /** Path under src/rules/catalogue/, e.g. `jira/jira_permission_scheme_no_anyone.rule.ts`. */
  file: string;
  rule: Rule;
}

export type CatalogueProblemCode =
  | 'invalid_meta'
  | 'id_not_file_name'
  | 'area_not_folder'
  | 'duplicate_id'
  | 'missing_test'
  | 'unknown_control'
  | 'setting_without_default'
  | 'org_rule_requires_site_data';

export interface CatalogueProblem {
  file: string;
  code: CatalogueProblemCode;
  message: string;
}

export interface CatalogueDeps {
  frameworks: readonly Framework[];
  /** Whether a file exists, by path under src/rules/catalogue/. */
  fileExists(file: string): boolean;
}

/** `identity/org_sso_enforced.rule.ts` → `identity/org_sso_enforced.test.ts`. */
export function testFileOf(file: string): string {
  return file.replace(/\.rule\.ts$/, '.test.ts');
}

export function validateCatalogue(
  entries: readonly CatalogueEntry[],
  deps: CatalogueDeps,
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const firstFileById = new Map<string, string>();
  const controls = new Map(deps.frameworks.map((f) => [f.id, new Set(f.controls.map((c) => c.id))]));
  for (const { file, rule } of entries) {
    const report = (code: CatalogueProblemCode, message: string) => problems.push({ file, code, message });
    const parsed = ruleMetaSchema.safeParse(rule.meta);
    if (!parsed.success) {
      report('invalid_meta', z.prettifyError(parsed.error));
      continue;
    }
    const meta = parsed.data;
    const [folder, name] = file.split('/');
    if (name !== `${meta.id}.rule.ts`)
      report('id_not_file_name', `id "${meta.id}" differs from the file name ${name}`);
    if (folder !== meta.area) report('area_not_folder', `area "${meta.area}" but the file is in ${folder}/`);
    const first = firstFileById.get(meta.id);
    if (first !== undefined) report('duplicate_id', `id "${meta.id}" is also used by ${first}`);
    else firstFileById.set(meta.id, file);
    if (!deps.fileExists(testFileOf(file))) report('missing_test', `no test file ${testFileOf(file)}`);
    for (const [framework, ids] of Object.entries(meta.compliance)) {
      const known = controls.get(framework as Framework['id']);
      for (const id of ids ?? []) {
        if (!known?.has(id))
          report('unknown_control', `${framework} has no control "${id}" (see src/rules/compliance/)`);
      }
    }
    if (!rule.settings.safeParse({}).success)
      report('setting_without_default', 'every setting needs a default');
    if (meta.scope === 'org') {
      for (const name of [...meta.requires, ...meta.requiresOneOf, ...meta.optional]) {
        const site = isDatasetName(name)
          ? datasetScope(name) === 'site'
          : isSubjectName(name) && ATTESTATION_SUBJECTS[name].scope === 'site';
        if (site)
          report('org_rule_requires_site_data', `an org-scoped rule cannot read the site dataset ${name}`);
      }
    }
  }
  return problems;
}

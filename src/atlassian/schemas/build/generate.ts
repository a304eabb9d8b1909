import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { endpoints } from '../../catalogue/index.ts';
import { zodToBundle } from '../zod-json.ts';
import { zodResponseSchemas } from '../zod-schemas.ts';
import { bundleResponseSchema } from './bundle.ts';
import { type EndpointSchema, emitResponseTypes } from './emit-types.ts';
import { emitReadTypes, type ReadTypeEntry, specRename } from './read-types.ts';
import { RELIED_ON_COMPONENTS, RELIED_ON_ROOTS } from './relied-on.ts';
import { isObject, type JsonObject, specReader, specsDir } from './spec-files.ts';

// Builds the two generated files from the catalogue and the official specs, and writes them or
// checks that the committed ones are current (CI runs the check: DESIGN.md convention 10).

/** The project root: three folders above this one (src/atlassian/schemas/build). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../../../..');

export const DEFAULT_OUT_DIR = resolve(PROJECT_ROOT, 'src/atlassian/schemas/generated');
export const SCHEMAS_FILE = 'response-schemas.json';
export const TYPES_FILE = 'response-types.ts';
export const READ_TYPES_FILE = 'read-types.ts';

export interface GenerateOptions {
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
  /** Where the files go; default src/atlassian/schemas/generated. */
  outDir?: string;
  /** Where the specs are; default spec/atlassian in the repository. */
  specsDir?: string;
}

export interface GenerateResult {
  /** Every generated file, project-relative. */
  files: string[];
  /** Files that differed from (or were missing on) disk: rewritten, or in check mode reported. */
  stale: string[];
}

export interface GeneratedFile {
  path: string;
  content: string;
}

/** Every spec-backed endpoint with its bundled response schema (undefined: no JSON body). */
export function endpointSchemas(dir: string): EndpointSchema[] {
  const read = specReader(dir);
  const out: EndpointSchema[] = [];
  for (const endpoint of endpoints) {
    const spec = endpoint.spec;
    if (!spec) continue;
    out.push({ endpoint: { ...endpoint, spec }, schema: bundleResponseSchema(read(spec.file), endpoint) });
  }
  checkReliedOnUsed(out);
  return out;
}

/** Every relied-on entry must land in some response, or it is a stale entry to remove. */
function checkReliedOnUsed(entries: readonly EndpointSchema[]): void {
  const unused: string[] = [];
  for (const [file, components] of Object.entries(RELIED_ON_COMPONENTS)) {
    for (const component of Object.keys(components ?? {})) {
      const used = entries.some(
        ({ endpoint, schema }) =>
          endpoint.spec.file === file &&
          isObject(schema?.definitions) &&
          Object.hasOwn(schema.definitions, component),
      );
      if (!used) unused.push(`${file} ${component}`);
    }
  }
  for (const id of Object.keys(RELIED_ON_ROOTS)) {
    if (!entries.some((e) => e.endpoint.id === id && e.schema)) unused.push(id);
  }
  if (unused.length > 0) {
    throw new Error(`build/relied-on.ts names what no endpoint's response contains: ${unused.join(', ')}`);
  }
}

/** Every endpoint with a JSON response schema, spec or hand-written, in catalogue order. */
function readEntries(specEntries: readonly EndpointSchema[]): ReadTypeEntry[] {
  const bySpec = new Map(specEntries.map((e) => [e.endpoint.id, e]));
  const zod: Record<string, Parameters<typeof zodToBundle>[0]> = zodResponseSchemas;
  const out: ReadTypeEntry[] = [];
  for (const endpoint of endpoints) {
    const spec = bySpec.get(endpoint.id);
    if (spec?.schema)
      out.push({ endpoint, schema: spec.schema, rename: specRename(spec.endpoint.spec.file) });
    else {
      const schema = zod[endpoint.id];
      // Hand-written schemas are inlined (no components): nothing to rename.
      if (schema) out.push({ endpoint, schema: zodToBundle(schema), rename: (c) => c });
    }
  }
  return out;
}

/** The generated files' contents, in memory. */
export async function generatedFiles(options: GenerateOptions = {}): Promise<GeneratedFile[]> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const entries = endpointSchemas(options.specsDir ?? specsDir(PROJECT_ROOT));
  const schemas: JsonObject = {};
  for (const { endpoint, schema } of [...entries].sort((a, b) =>
    a.endpoint.id.localeCompare(b.endpoint.id),
  )) {
    if (schema) schemas[endpoint.id] = schema;
  }
  // Biome reads the project's configuration for the path it is told, so it is given the path the
  // file has in this project whatever `outDir` is.
  const typesPath = relative(PROJECT_ROOT, resolve(DEFAULT_OUT_DIR, TYPES_FILE));
  const readTypesPath = relative(PROJECT_ROOT, resolve(DEFAULT_OUT_DIR, READ_TYPES_FILE));
  return [
    { path: resolve(outDir, SCHEMAS_FILE), content: `${JSON.stringify(schemas, null, 2)}\n` },
    { path: resolve(outDir, TYPES_FILE), content: await emitResponseTypes(entries, typesPath, PROJECT_ROOT) },
    {
      path: resolve(outDir, READ_TYPES_FILE),
      content: await emitReadTypes(readEntries(entries), readTypesPath, PROJECT_ROOT),
    },
  ];
}

/** Writes the generated files (only those that changed), or with `check` reports the stale ones. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const files = await generatedFiles(options);
  const stale: string[] = [];
  for (const file of files) {
    const current = existsSync(file.path) ? readFileSync(file.path, 'utf8') : undefined;
    if (current === file.content) continue;
    stale.push(relative(PROJECT_ROOT, file.path));
    if (!options.check) {
      mkdirSync(resolve(file.path, '..'), { recursive: true });
      writeFileSync(file.path, file.content);
    }
  }
  return { files: files.map((f) => relative(PROJECT_ROOT, f.path)), stale };
}

import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { driftFromAjv } from './ajv-drift.ts';
import type { SchemaDrift } from './drift-error.ts';

// Validators for the endpoints with an official spec, from generated/response-schemas.json
// (scripts/generate-api-schemas.ts). Each endpoint's schema is compiled the first time a response
// of it is checked, then reused: a sync validates ~100k users through the same function.

export type JsonSchema = Record<string, unknown>;

/** Reads the generated schemas (parsed once, when the first spec endpoint is validated). */
export function readGeneratedSchemas(): Record<string, JsonSchema> {
  const url = new URL('./generated/response-schemas.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, JsonSchema>;
}

export interface SpecValidators {
  /** Whether the spec gives this endpoint a JSON body schema. */
  has(endpointId: string): boolean;
  /** The drift in `body`, or undefined when it matches. */
  check(endpointId: string, body: unknown): SchemaDrift | undefined;
}

export function specValidators(
  load: () => Record<string, JsonSchema> = readGeneratedSchemas,
): SpecValidators {
  let schemas: Record<string, JsonSchema> | undefined;
  const all = () => {
    schemas ??= load();
    return schemas;
  };
  // Formats are annotations here (see build/normalise.ts); `strict: false` because the specs
  // contain what strict mode refuses, e.g. Confluence v1 requiring a property it never declares;
  // no meta-schema check at run time: the generator's output is checked by its tests, and
  // compiling is the one slow step (60-300 ms per endpoint, once per process).
  const options = { strict: false, validateFormats: false, validateSchema: false } as const;
  // The fast path stops at the first error; only a failure pays for the full report.
  const fast = new Ajv({ ...options, allErrors: false });
  const thorough = new Ajv({ ...options, allErrors: true, verbose: true });
  const compiled = new Map<string, ValidateFunction>();
  const explained = new Map<string, ValidateFunction>();

  const compile = (ajv: Ajv, cache: Map<string, ValidateFunction>, id: string): ValidateFunction => {
    let fn = cache.get(id);
    if (!fn) {
      const schema = all()[id];
      if (!schema) throw new Error(`No generated response schema for ${id}`);
      fn = ajv.compile(schema);
      cache.set(id, fn);
    }
    return fn;
  };

  return {
    has: (id) => Object.hasOwn(all(), id),
    check(id, body) {
      if (compile(fast, compiled, id)(body)) return undefined;
      const full = compile(thorough, explained, id);
      full(body);
      return driftFromAjv(id, all()[id] as JsonSchema, full.errors ?? [], body);
    },
  };
}

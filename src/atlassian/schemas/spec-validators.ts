import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from './tolerant-schemas.ts';

// Compiled validators for the run-time checks (validate-response.ts), and the generated spec
// schemas they start from (generated/response-schemas.json, scripts/generate-api-schemas.ts).
// Each schema is compiled the first time a response needs it, then reused: a sync validates
// ~100k users through the same function; the thorough variant (every error, with the data) is
// compiled only when the fast one fails.

export type { JsonSchema } from './tolerant-schemas.ts';

/** Reads the generated schemas (parsed once, when the first spec endpoint is validated). */
export function readGeneratedSchemas(): Record<string, JsonSchema> {
  const url = new URL('./generated/response-schemas.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, JsonSchema>;
}

export interface CompiledCheck {
  /** Whether the body passes (stops at the first error). */
  passes(body: unknown): boolean;
  /** Every error, with `data` and `parentSchema` (only called when `passes` said no). */
  explain(body: unknown): NonNullable<ValidateFunction['errors']>;
}

// Formats are annotations here (see build/normalise.ts); `strict: false` because the specs
// contain what strict mode refuses, e.g. Confluence v1 requiring a property it never declares;
// no meta-schema check at run time: the generator's output is checked by its tests, and
// compiling is the one slow step (60-300 ms per endpoint, once per process).
const options = { strict: false, validateFormats: false, validateSchema: false } as const;

/** One Ajv pair (fast, thorough) per checker: schemas compiled into it stay for its lifetime. */
export function compiler(): (schema: JsonSchema) => CompiledCheck {
  const fast = new Ajv({ ...options, allErrors: false });
  const thorough = new Ajv({ ...options, allErrors: true, verbose: true });
  return (schema) => {
    let quick: ValidateFunction | undefined;
    let full: ValidateFunction | undefined;
    return {
      passes(body) {
        quick ??= fast.compile(schema);
        return quick(body) === true;
      },
      explain(body) {
        full ??= thorough.compile(schema);
        full(body);
        return full.errors ?? [];
      },
    };
  };
}

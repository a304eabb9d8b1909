import { endpoint } from '../catalogue/index.ts';
import { SchemaDriftError } from './drift-error.ts';
import {
  type JsonSchema,
  readGeneratedSchemas,
  type SpecValidators,
  specValidators,
} from './spec-validators.ts';
import { driftFromZod } from './zod-drift.ts';
import { zodResponseSchemas } from './zod-schemas.ts';

// The one check every Atlassian response goes through before a collector sees it: endpoints with
// an official spec against the JSON schema generated from it, the others against a hand-written
// zod schema. Unknown extra fields always pass; a missing required field or a wrong type throws
// SchemaDriftError naming the endpoint and the field.

export interface ResponseValidator {
  /** Throws SchemaDriftError when `body` does not match; an unknown endpoint id is a plain Error. */
  validate(endpointId: string, body: unknown): void;
}

export interface ResponseValidatorDeps {
  /** The generated spec schemas; default: generated/response-schemas.json. */
  loadSpecSchemas?: () => Record<string, JsonSchema>;
}

const zodSchemas: Record<string, (typeof zodResponseSchemas)[keyof typeof zodResponseSchemas]> =
  zodResponseSchemas;

export function createResponseValidator(deps: ResponseValidatorDeps = {}): ResponseValidator {
  const spec: SpecValidators = specValidators(deps.loadSpecSchemas ?? readGeneratedSchemas);
  return {
    validate(endpointId, body) {
      const e = endpoint(endpointId);
      if (e.spec) {
        // A spec'd status without a JSON body (204) has nothing to check.
        if (!spec.has(endpointId)) return;
        const drift = spec.check(endpointId, body);
        if (drift) throw new SchemaDriftError(drift);
        return;
      }
      const schema = zodSchemas[endpointId];
      if (!schema) return;
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new SchemaDriftError(driftFromZod(endpointId, parsed.error, body));
    },
  };
}

let shared: ResponseValidator | undefined;

/**
 * Validates with a process-wide validator, created on first use. What it holds is compiled code
 * for immutable generated schemas (a memo, not state), so sharing it is safe; pass a validator
 * from `createResponseValidator()` where a test needs its own.
 */
export function validateResponse(endpointId: string, body: unknown): void {
  shared ??= createResponseValidator();
  shared.validate(endpointId, body);
}

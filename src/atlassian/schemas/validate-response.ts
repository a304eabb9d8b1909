import { endpoint } from '../catalogue/index.ts';
import { describeError, driftFromAjv, isSummary, rankErrors } from './ajv-drift.ts';
import { SchemaDriftError } from './drift-error.ts';
import { itemOf, outermost, removeItems, type Segments } from './item-skips.ts';
import { addCount, type DriftCount, generalPath, type ResponseDrift } from './response-drift.ts';
import { type CompiledCheck, compiler, type JsonSchema, readGeneratedSchemas } from './spec-validators.ts';
import { documentedSchema, reliedSchema } from './tolerant-schemas.ts';
import { zodToBundle } from './zod-json.ts';
import { zodResponseSchemas } from './zod-schemas.ts';

// The one check every Atlassian response goes through before a collector sees it, read
// tolerantly (docs/design.md "Reading Atlassian"): endpoints with an official spec against the
// schema generated from it, the others against a hand-written zod schema, both in two readings
// (tolerant-schemas.ts).
//
// 1. Relied-on fields: a list item missing one (or with it null or of another type) is left out
//    and counted; outside any item, the body cannot be used and a SchemaDriftError names the
//    endpoint and the field.
// 2. The documentation: what else differs (a new enum value, a field of another type, a
//    documented field gone) is counted as a warning; the data is kept as it came.
//
// Unknown extra fields always pass; absent and null optional fields pass without a word.

export interface ResponseCheck {
  /**
   * Leaves out, in place, the items that lack a relied-on field, checks the rest against the
   * documentation, and says what was found. Call once, after any paging state was read from the
   * body (a page's length decides where the next page starts).
   */
  settle(): SettledResponse;
}

export interface SettledResponse {
  /** The list items left out (the values themselves, to filter copies of the list). */
  removed: ReadonlySet<unknown>;
  /** What was left out or differed; null when the response matched. */
  drift: ResponseDrift | null;
}

export interface ResponseValidator {
  /**
   * Checks the relied-on fields now: throws SchemaDriftError when the body as a whole is unusable;
   * an unknown endpoint id is a plain Error. The rest happens in `settle()`.
   */
  validate(endpointId: string, body: unknown): ResponseCheck;
}

export interface ResponseValidatorDeps {
  /** The generated spec schemas; default: generated/response-schemas.json. */
  loadSpecSchemas?: () => Record<string, JsonSchema>;
}

interface EndpointChecks {
  relied: CompiledCheck;
  documented: CompiledCheck;
  reliedRoot: JsonSchema;
  documentedRoot: JsonSchema;
}

const NOTHING: SettledResponse = { removed: new Set(), drift: null };
const settled = (result: SettledResponse): ResponseCheck => ({ settle: () => result });

const zodSchemas: Record<string, (typeof zodResponseSchemas)[keyof typeof zodResponseSchemas]> =
  zodResponseSchemas;

export function createResponseValidator(deps: ResponseValidatorDeps = {}): ResponseValidator {
  const load = deps.loadSpecSchemas ?? readGeneratedSchemas;
  let specSchemas: Record<string, JsonSchema> | undefined;
  const compile = compiler();
  const checks = new Map<string, EndpointChecks | null>();

  /** The endpoint's bundled schema: generated from its spec, or from its zod schema; null: no body. */
  function bundleOf(endpointId: string): JsonSchema | null {
    const e = endpoint(endpointId);
    if (e.spec) {
      specSchemas ??= load();
      return specSchemas[endpointId] ?? null;
    }
    const schema = zodSchemas[endpointId];
    return schema ? zodToBundle(schema) : null;
  }

  function checksOf(endpointId: string): EndpointChecks | null {
    if (!checks.has(endpointId)) {
      const bundle = bundleOf(endpointId);
      if (!bundle) checks.set(endpointId, null);
      else {
        const reliedRoot = reliedSchema(bundle);
        const documentedRoot = documentedSchema(bundle);
        checks.set(endpointId, {
          reliedRoot,
          documentedRoot,
          relied: compile(reliedRoot),
          documented: compile(documentedRoot),
        });
      }
    }
    return checks.get(endpointId) ?? null;
  }

  return {
    validate(endpointId, body) {
      const c = checksOf(endpointId);
      // A status without a JSON body (204) has nothing to check.
      if (!c) return settled(NOTHING);
      const skipped: DriftCount[] = [];
      let items: Segments[] = [];
      if (!c.relied.passes(body)) {
        const errors = c.relied.explain(body);
        const found = errors.map((error) => {
          const drift = describeError(endpointId, c.reliedRoot, error, errors, body);
          return { error, drift, item: itemOf(drift.segments) };
        });
        const outside = found.filter((f) => f.item === undefined).map((f) => f.error);
        if (outside.length > 0)
          throw new SchemaDriftError(driftFromAjv(endpointId, c.reliedRoot, outside, body));
        // One reason per item left out: the most telling of its errors.
        const byItem = new Map<string, (typeof found)[number]>();
        for (const f of found) {
          const key = JSON.stringify(f.item);
          const known = byItem.get(key);
          if (!known || rankErrors([f.error, known.error])[0] === f.error) byItem.set(key, f);
        }
        const entries = outermost([...byItem.values()].map((f) => ({ ...f, item: f.item as Segments })));
        for (const f of entries) {
          addCount(skipped, {
            field: generalPath(f.drift.field),
            problem: f.drift.problem,
            expected: f.drift.expected,
          });
        }
        items = entries.map((f) => f.item);
      }
      let done: SettledResponse | undefined;
      return {
        settle() {
          if (done) return done;
          const removed = removeItems(body, items);
          const warnings = c.documented.passes(body) ? [] : warningsOf(endpointId, c, body);
          done = {
            removed,
            drift:
              skipped.length > 0 || warnings.length > 0
                ? { endpointId, skipped, warnings, errors: [] }
                : null,
          };
          return done;
        },
      };
    },
  };
}

/** Every documented-shape difference, one per spot (the most telling), counted by general path. */
function warningsOf(endpointId: string, c: EndpointChecks, body: unknown): DriftCount[] {
  const errors = c.documented.explain(body);
  const concrete = errors.filter((e) => !isSummary(e));
  const kept = errors.filter(
    // A summary ("must match a schema in anyOf") only where nothing more precise was said.
    (e) => !isSummary(e) || !concrete.some((o) => o.instancePath.startsWith(e.instancePath)),
  );
  const bySpot = new Map<string, ReturnType<typeof describeError>>();
  for (const error of rankErrors(kept)) {
    const drift = describeError(endpointId, c.documentedRoot, error, errors, body);
    const spot = drift.field;
    if (!bySpot.has(spot)) bySpot.set(spot, drift);
  }
  const warnings: DriftCount[] = [];
  for (const drift of bySpot.values()) {
    addCount(warnings, { field: generalPath(drift.field), problem: drift.problem, expected: drift.expected });
  }
  return warnings;
}

let shared: ResponseValidator | undefined;

/**
 * Validates with a process-wide validator, created on first use. What it holds is compiled code
 * for immutable generated schemas (a memo, not state), so sharing it is safe; pass a validator
 * from `createResponseValidator()` where a test needs its own.
 */
export function validateResponse(endpointId: string, body: unknown): ResponseCheck {
  shared ??= createResponseValidator();
  return shared.validate(endpointId, body);
}

import type { ErrorObject } from 'ajv';
import type { SchemaDrift } from './drift-error.ts';
import { isA, pointerSegments, readablePath } from './json-path.ts';

// Turns Ajv's errors (collected with `allErrors` and `verbose`) into the one drift worth telling:
// a missing required field first, then a wrong type, then a value outside an enum, then anything
// else; the combinators' own summaries ("must match a schema in anyOf") last. Within a rank the
// first in document order wins.

type Schema = Record<string, unknown>;

// `not` is the relied-on reading's "anything but null" (tolerant-schemas.ts): a wrong type.
const RANK: Record<string, number> = { required: 0, type: 1, not: 1, enum: 2, const: 2 };
const SUMMARY = new Set(['anyOf', 'oneOf', 'allOf', 'if']);

const rank = (e: ErrorObject) => RANK[e.keyword] ?? (SUMMARY.has(e.keyword) ? 9 : 3);

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows `#/definitions/<name>` inside the endpoint's bundled schema. */
function deref(root: Schema, schema: Schema): Schema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string' && hops < 10; hops++) {
    const name = s.$ref
      .replace(/^#\/definitions\//, '')
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    const defs = isSchema(root.definitions) ? root.definitions : {};
    const target = defs[name];
    if (!isSchema(target)) break;
    s = target;
  }
  return s;
}

/** `string`, `string or null`, `object`: the types a schema allows, in words. */
export function describeType(root: Schema, schema: unknown, depth = 0): string | undefined {
  if (!isSchema(schema) || depth > 5) return undefined;
  const s = deref(root, schema);
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return s.type.join(' or ');
  const branches = s.anyOf ?? s.oneOf;
  if (Array.isArray(branches)) {
    const parts = branches.map((b) => describeType(root, b, depth + 1));
    if (parts.every((p) => p !== undefined)) return [...new Set(parts)].join(' or ');
  }
  if (Array.isArray(s.allOf)) {
    for (const b of s.allOf) {
      const t = describeType(root, b, depth + 1);
      if (t) return t;
    }
  }
  if (isSchema(s.properties)) return 'object';
  return undefined;
}

function enumText(values: unknown): string {
  if (!Array.isArray(values)) return 'a documented value';
  // Null is no value to list: whether a field may be null is said by its type.
  const listed = values.filter((v) => v !== null);
  const shown = listed.slice(0, 8).map((v) => JSON.stringify(v));
  return `one of ${shown.join(', ')}${listed.length > 8 ? ', ...' : ''}`;
}

/** The most telling error first: missing, then wrong type, then enum, then the rest, summaries last. */
export function rankErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return [...errors].sort((a, b) => rank(a) - rank(b));
}

/** Whether an error only summarises others (`must match a schema in anyOf`). */
export const isSummary = (e: ErrorObject): boolean => SUMMARY.has(e.keyword);

/**
 * One Ajv error as drift, with its field as path segments (the missing property included);
 * `errors` are all the errors of the check, for naming every type allowed at one spot.
 */
export function describeError(
  endpointId: string,
  root: Schema,
  error: ErrorObject,
  errors: readonly ErrorObject[],
  body: unknown,
): SchemaDrift & { segments: (string | number)[] } {
  const at = pointerSegments(error.instancePath, body);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      const props = isSchema(error.parentSchema) ? deref(root, error.parentSchema).properties : undefined;
      const type = isSchema(props) ? describeType(root, props[name]) : undefined;
      const segments = [...at, name];
      return {
        endpointId,
        segments,
        field: readablePath(segments),
        expected: `required ${type ?? 'field'}`,
        problem: 'is missing',
      };
    }
    case 'type': {
      // The same spot may fail several alternatives (`anyOf [object, null]`): name them all.
      const types = errors
        .filter((e) => e.keyword === 'type' && e.instancePath === error.instancePath)
        .flatMap((e) => String((e.params as Record<string, unknown>).type).split(','));
      return {
        endpointId,
        segments: at,
        field: readablePath(at),
        expected: [...new Set(types)].join(' or '),
        problem: isA(error.data),
      };
    }
    case 'not':
      // The relied-on reading's "anything but null" for a field of no single type.
      return {
        endpointId,
        segments: at,
        field: readablePath(at),
        expected: 'a value',
        problem: isA(error.data),
      };
    case 'enum':
    case 'const':
      return {
        endpointId,
        segments: at,
        field: readablePath(at),
        expected: enumText(error.keyword === 'enum' ? params.allowedValues : [params.allowedValue]),
        problem: 'has an undocumented value',
      };
    default:
      return {
        endpointId,
        segments: at,
        field: readablePath(at),
        expected: 'the documented shape',
        // Ajv's messages name the rule, never the data ("must match exactly one schema in oneOf").
        problem: error.message ?? `fails "${error.keyword}"`,
      };
  }
}

/** The drift an endpoint's failed validation shows; `root` is the endpoint's bundled schema. */
export function driftFromAjv(
  endpointId: string,
  root: Schema,
  errors: readonly ErrorObject[],
  body: unknown,
): SchemaDrift {
  const best = rankErrors(errors)[0];
  if (!best)
    return { endpointId, field: readablePath([]), expected: 'the documented shape', problem: 'differs' };
  const { segments: _segments, ...drift } = describeError(endpointId, root, best, errors, body);
  return drift;
}

// The two run-time readings of one endpoint's response schema (docs/design.md "Reading
// Atlassian": strict in what we send, tolerant in what we read):
//
// - `reliedSchema`: only the fields Palisade relies on (`x-relied-on`, set by the generator from
//   build/relied-on.ts, and by zod-json.ts from a hand-written schema's required fields). They
//   must be present and of their type, never null; every other field may be anything, absent or
//   null. Enums, formats and unions of other fields are not looked at. A failure inside a list
//   item means that item is unusable (it is skipped and counted); outside any item, the body is.
// - `documentedSchema`: the whole documented shape with null accepted everywhere and `oneOf`
//   read as `anyOf` (a null may match several branches). What fails it is drift Palisade can
//   live with — a new enum value, a field of another type, a documented field gone — and becomes
//   a warning, never a failure.
//
// Both are pure transforms of a bundled draft-07 schema (its `definitions` transformed alike).

export type JsonSchema = Record<string, unknown>;

/** The keyword listing, on an object schema, the properties Palisade relies on. */
export const RELIED_ON_KEYWORD = 'x-relied-on';

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

function refTarget(root: JsonSchema, ref: unknown): JsonSchema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
  const name = ref.slice('#/definitions/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
  const defs = isSchema(root.definitions) ? root.definitions : {};
  const target = defs[name];
  return isSchema(target) ? target : undefined;
}

/** The JSON types a schema allows, following references and combinators; [] when anything goes. */
function typesOf(root: JsonSchema, schema: JsonSchema, seen = new Set<JsonSchema>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const target = refTarget(root, schema.$ref);
  if (target) return typesOf(root, target, seen);
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const all = branches.filter(isSchema).map((b) => typesOf(root, b, seen));
    return all.some((t) => t.length === 0) ? [] : [...new Set(all.flat())];
  }
  if (Array.isArray(schema.allOf)) {
    for (const b of schema.allOf.filter(isSchema)) {
      const t = typesOf(root, b, seen);
      if (t.length > 0) return t;
    }
  }
  if (isSchema(schema.properties)) return ['object'];
  if (isSchema(schema.items)) return ['array'];
  return [];
}

/** The non-null types, with `integer` folded into `number` when both appear. */
function nonNull(types: readonly string[]): string[] {
  const out = types.filter((t) => t !== 'null');
  return out.includes('number') ? out.filter((t) => t !== 'integer') : out;
}

const reliedOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema[RELIED_ON_KEYWORD])
    ? (schema[RELIED_ON_KEYWORD] as unknown[]).filter((n): n is string => typeof n === 'string')
    : [];

/** A schema that only descends (or nothing at all): `{}` accepts anything. */
const isEmpty = (schema: JsonSchema) => Object.keys(schema).length === 0;

/**
 * One node of the relied-on reading. `strict`: this value itself is relied on (present, of its
 * type, not null); otherwise only what it contains is looked at, and only when it is there.
 */
function relied(root: JsonSchema, schema: JsonSchema, strict: boolean): JsonSchema {
  const out: JsonSchema = {};
  if (strict) {
    const types = nonNull(typesOf(root, schema));
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.type = types;
    else out.not = { type: 'null' };
  }
  if (typeof schema.$ref === 'string') {
    // The definition is transformed as a loose node; the strict type sits beside it.
    if (isEmpty(out)) return { $ref: schema.$ref };
    return { ...out, allOf: [{ $ref: schema.$ref }] };
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    // A nullable wrapper (`anyOf [s, null]`) is read through; a genuine union is not descended
    // into (which branch applies cannot be told), only its type is checked.
    const real = branches.filter((b) => isSchema(b) && b.type !== 'null');
    if (real.length === 1 && isSchema(real[0])) {
      const inner = relied(root, real[0], false);
      return isEmpty(out) ? inner : isEmpty(inner) ? out : { ...out, allOf: [inner] };
    }
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.filter(isSchema).map((b) => relied(root, b, false));
    const kept = parts.filter((p) => !isEmpty(p));
    if (kept.length > 0) out.allOf = kept;
  }
  if (isSchema(schema.properties)) {
    const names = reliedOf(schema);
    const properties: JsonSchema = {};
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (!isSchema(sub)) continue;
      const node = relied(root, sub, names.includes(name));
      if (!isEmpty(node)) properties[name] = node;
    }
    if (Object.keys(properties).length > 0) out.properties = properties;
    const required = names.filter((n) => Object.hasOwn(schema.properties as JsonSchema, n));
    if (required.length > 0) out.required = required;
  }
  if (isSchema(schema.items)) {
    // The elements of a relied-on list are relied on too: a null element is an unusable item.
    const items = relied(root, schema.items, strict);
    if (!isEmpty(items)) out.items = items;
  }
  return out;
}

/** The relied-on reading of a bundled schema (see the top of this file). */
export function reliedSchema(bundle: JsonSchema): JsonSchema {
  const { definitions, $schema, $comment, ...body } = bundle;
  const out = relied(bundle, body, true);
  if (isSchema(definitions)) {
    out.definitions = Object.fromEntries(
      Object.entries(definitions).map(([name, def]) => [
        name,
        isSchema(def) ? relied(bundle, def, false) : {},
      ]),
    );
  }
  return out;
}

function documented(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(documented);
  if (!isSchema(schema)) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === RELIED_ON_KEYWORD) continue;
    if (key === 'properties' || key === 'definitions') {
      out[key] = isSchema(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, documented(v)]))
        : value;
    } else if (key === 'oneOf') out.anyOf = documented(value);
    else out[key] = documented(value);
  }
  if (typeof out.type === 'string' && out.type !== 'null') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    // Keep `$ref` alone in its node, as draft-07 wants.
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }] };
  }
  return out;
}

/** The documented reading of a bundled schema (see the top of this file). */
export function documentedSchema(bundle: JsonSchema): JsonSchema {
  const { $schema, $comment, ...rest } = bundle;
  return documented(rest) as JsonSchema;
}

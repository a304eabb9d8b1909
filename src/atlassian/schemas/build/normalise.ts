import { isObject, type JsonObject } from './spec-files.ts';

// OpenAPI 3.0 schema objects → JSON Schema draft-07 that Ajv validates and json-schema-to-typescript
// reads. The bridge follows test/contract/specs.ts (its numbered quirks; test code is not imported
// here) with one difference of purpose: these schemas guard Palisade at run time, so they keep the
// *shape* of a response (types, required fields, enums, nesting) and drop value refinements
// (formats, patterns, lengths, ranges) that the specs' own examples break and Palisade does not
// rely on. The contract tests still hold the simulator to those.

/** Keywords kept as they are. */
const KEPT = new Set(['type', 'enum', 'const', 'description', 'deprecated', 'format']);

/**
 * Keywords dropped on purpose:
 * - `discriminator`: a code-generator hint; the `oneOf`/`anyOf` beside it decides validity, and
 *   the admin `User` even has one with no `oneOf` at all (contract quirk 3).
 * - `readOnly`/`writeOnly`: request-side annotations. A readOnly property "MAY be sent as part of
 *   a response" and its `required` applies to responses as written; writeOnly ones are removed
 *   from `required` below (OpenAPI 3.0.3, Schema Object; contract quirk 5).
 * - `format` is kept as an annotation only (the run-time validator does not check formats: Jira
 *   writes `+0000` offsets in `date-time`s, Marketplace relative `uri`s, and `html`/`html-links-only`
 *   are no JSON-schema formats at all; contract quirks 6, 10, 11).
 * - value refinements (patterns with YAML's trailing newline, boolean `exclusiveMinimum`, lengths,
 *   `uniqueItems`...): not structure (contract quirks 7, 8).
 * - documentation (`example`, `xml`, `externalDocs`, `default`, `title`, `x-*` extensions).
 */
const DROPPED = new Set([
  'discriminator',
  'readOnly',
  'writeOnly',
  'example',
  'examples',
  'xml',
  'externalDocs',
  'default',
  'title',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
]);

/** Handled below: subschemas, `required`, `nullable`, `$ref`. */
const STRUCTURAL = new Set([
  'properties',
  'items',
  'additionalProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'required',
  'nullable',
  '$ref',
]);

export interface NormaliseContext {
  /**
   * Rewrites a spec-local reference (`#/components/schemas/User`) into the bundle's
   * (`#/definitions/User`) and queues its target for bundling.
   */
  ref(ref: string): string;
  /** The raw spec schema a reference points to (to read its `writeOnly`). */
  target(ref: string): JsonObject | undefined;
}

const nullableOf = (schema: JsonObject): JsonObject => ({ anyOf: [schema, { type: 'null' }] });

function subschema(ctx: NormaliseContext, value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where}: expected a schema object, got ${JSON.stringify(value)}`);
  return normaliseSchema(ctx, value, where);
}

/** Whether a property schema (or what it references) is request-only. */
function isWriteOnly(ctx: NormaliseContext, schema: unknown): boolean {
  if (!isObject(schema)) return false;
  const target = typeof schema.$ref === 'string' ? ctx.target(schema.$ref) : schema;
  return target?.writeOnly === true;
}

/** One OpenAPI schema object as draft-07; `where` names it in errors (`User.properties.groups`). */
export function normaliseSchema(ctx: NormaliseContext, schema: JsonObject, where: string): JsonObject {
  if (typeof schema.$ref === 'string') {
    // OpenAPI 3.0: siblings of `$ref` "SHALL be ignored" (Reference Object); the specs write
    // `{type: 'object', $ref, description}`. `nullable` beside it is honoured: the intent is clear.
    const out = { $ref: ctx.ref(schema.$ref) };
    return schema.nullable === true ? nullableOf(out) : out;
  }

  const s: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (KEPT.has(key)) s[key] = value;
    else if (DROPPED.has(key) || key.startsWith('x-') || STRUCTURAL.has(key)) continue;
    else throw new Error(`${where}: the schema keyword "${key}" is not handled by the generator`);
  }

  if (isObject(schema.properties)) {
    s.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, sub]) => [
        name,
        subschema(ctx, sub, `${where}.properties.${name}`),
      ]),
    );
  }
  if (schema.items !== undefined) s.items = subschema(ctx, schema.items, `${where}.items`);
  // Unknown extra fields are always accepted: production adds fields the specs omit, and Jira's
  // spec closes 800+ beans with `additionalProperties: false` (contract quirk 4). A schema-valued
  // `additionalProperties` is a map (project roles: name → URL) and is kept.
  if (isObject(schema.additionalProperties)) {
    s.additionalProperties = subschema(ctx, schema.additionalProperties, `${where}.additionalProperties`);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) s[key] = list.map((sub, i) => subschema(ctx, sub, `${where}.${key}[${i}]`));
  }
  if (schema.not !== undefined) s.not = subschema(ctx, schema.not, `${where}.not`);

  // `required: true` inside a property is Swagger 2, not JSON Schema: ignored. writeOnly
  // properties need not be in a response even where listed as required.
  if (Array.isArray(schema.required)) {
    const props = isObject(schema.properties) ? schema.properties : {};
    const required = schema.required.filter(
      (name): name is string => typeof name === 'string' && !isWriteOnly(ctx, props[name]),
    );
    if (required.length > 0) s.required = required;
  }

  // OpenAPI 3.0 `nullable: true` is not JSON Schema (contract quirk 9): written out as
  // `type: [t, 'null']` (+ `null` in `enum`), or `anyOf [s, null]` where combinators sit beside.
  if (schema.nullable === true) {
    if (typeof s.type === 'string' && !s.allOf && !s.anyOf && !s.oneOf) {
      s.type = [s.type, 'null'];
      if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
      return s;
    }
    return nullableOf(s);
  }
  return s;
}

import { type ZodType, z } from 'zod';
import { type JsonSchema, RELIED_ON_KEYWORD } from './tolerant-schemas.ts';

// A hand-written zod schema as a bundled JSON schema, so that endpoints without a spec are read
// by the same two checks as the others (tolerant-schemas.ts). The hand-written schemas declare
// as required exactly what Palisade relies on (README "Rules for both"), so every object's
// `required` becomes its `x-relied-on`; optional fields keep their documented types.

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

function markRequired(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(markRequired);
  if (!isSchema(value)) return value;
  const out: JsonSchema = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === 'properties' && isSchema(v)
        ? Object.fromEntries(Object.entries(v).map(([k, s]) => [k, markRequired(s)]))
        : markRequired(v);
  }
  if (Array.isArray(value.required) && value.required.length > 0) out[RELIED_ON_KEYWORD] = value.required;
  return out;
}

export function zodToBundle(schema: ZodType): JsonSchema {
  return markRequired(z.toJSONSchema(schema, { target: 'draft-7', io: 'output' })) as JsonSchema;
}

import { z } from 'zod';
import type { AttestationSubject } from './attestation-subject.ts';

// What an attestation's value looks like, for `palisade attest --subjects` and docs/baseline.md:
// the subject's schema as JSON Schema (what a `--value-file` is checked against), and an example
// value — the subject's own, or one built from the schema with every field filled in.

export type JsonSchema = { [key: string]: unknown };

/** The JSON Schema of the value, without the long patterns that only restate a `format`. */
export function subjectJsonSchema(subject: AttestationSubject): JsonSchema {
  const { $schema: _, ...schema } = z.toJSONSchema(subject.schema, { io: 'input' }) as JsonSchema;
  return withoutFormatPatterns(schema) as JsonSchema;
}

function withoutFormatPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutFormatPatterns);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).filter(([key]) => !(key === 'pattern' && 'format' in node));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutFormatPatterns(value)]));
}

export function exampleValue(subject: AttestationSubject): unknown {
  return subject.example ?? exampleOf(subjectJsonSchema(subject));
}

const FORMAT_EXAMPLES: Record<string, string> = {
  date: '2025-06-01',
  'date-time': '2025-06-01T09:00:00Z',
  uri: 'https://example.com/',
};

function exampleOf(schema: JsonSchema): unknown {
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as JsonSchema[];
    return exampleOf(options.find((o) => o.type !== 'null') ?? options[0] ?? {});
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, exampleOf(value)]));
    }
    case 'array':
      return [exampleOf((schema.items ?? {}) as JsonSchema)];
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' && schema.minimum > 1 ? schema.minimum : 1;
    case 'string':
      return (typeof schema.format === 'string' ? FORMAT_EXAMPLES[schema.format] : undefined) ?? 'example';
    default:
      return null;
  }
}

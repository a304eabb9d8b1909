// Readable JSON paths for drift messages: `values[3].accountId`, `roles["Service Desk Team"]`.
// Only keys and indexes appear, never values.

/** The root of a response body, when the body itself is the offending "field". */
export const BODY = '(body)';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats path segments: numbers (array indexes) as `[3]`, names as `.name` or `["odd name"]`. */
export function readablePath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? BODY : out;
}

/**
 * Splits a JSON pointer (`/values/3/accountId`, as Ajv reports) into segments, reading the body
 * to tell array indexes from object keys that happen to be digits (a map keyed by project id).
 */
export function pointerSegments(pointer: string, body: unknown): (string | number)[] {
  if (pointer === '') return [];
  const segments: (string | number)[] = [];
  let node: unknown = body;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      node = node[Number(key)];
    } else {
      segments.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}

/** The value at a path, or undefined when the path leads nowhere. */
export function valueAt(body: unknown, segments: readonly (string | number)[]): unknown {
  let node: unknown = body;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The JSON type of a value, for "is a number" (never the value itself). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `is a string`, `is an object`, `is null`. */
export function isA(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'null' || type === 'undefined') return `is ${type}`;
  return `is ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

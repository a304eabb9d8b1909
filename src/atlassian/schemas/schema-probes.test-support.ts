// Finds, in a real response and the JSON schema that describes it, the fields a test can break:
// a required or relied-on field that is present (to delete) and a typed one (to give another
// type). Fields
// inside genuine alternatives (`oneOf`/`anyOf` with more than one non-null branch) are skipped,
// since breaking one branch may still match another. Test support only.

type Schema = Record<string, unknown>;
export type Path = (string | number)[];

export interface Probe {
  path: Path;
  /** The JSON types the schema allows there (`['string']`, `['object', 'null']`). */
  types: string[];
  required: boolean;
  /** Palisade relies on it (`x-relied-on`): it must be there, of its type, not null. */
  relied: boolean;
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(root: Schema, schema: Schema, depth = 0): Schema {
  if (typeof schema.$ref !== 'string' || depth > 20) return schema;
  const name = schema.$ref
    .replace(/^#\/definitions\//, '')
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  const target = isSchema(root.definitions) ? root.definitions[name] : undefined;
  return isSchema(target) ? deref(root, target, depth + 1) : schema;
}

function typesOf(root: Schema, schema: Schema): string[] {
  const s = deref(root, schema);
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.map(String);
  const branches = s.anyOf ?? s.oneOf;
  if (Array.isArray(branches)) return branches.filter(isSchema).flatMap((b) => typesOf(root, b));
  return [];
}

/** Every present field with its schema, in document order (arrays: first element only). */
export function probes(root: Schema, body: unknown): Probe[] {
  const out: Probe[] = [];
  const walk = (schema: Schema, value: unknown, path: Path, depth: number): void => {
    if (depth > 40 || value === null || value === undefined) return;
    const s = deref(root, schema);
    const alternatives = s.anyOf ?? s.oneOf;
    if (Array.isArray(alternatives)) {
      const real = alternatives.filter((b) => isSchema(b) && b.type !== 'null');
      if (real.length === 1 && isSchema(real[0])) walk(real[0], value, path, depth + 1);
      return;
    }
    if (Array.isArray(s.allOf)) for (const b of s.allOf) if (isSchema(b)) walk(b, value, path, depth + 1);
    if (Array.isArray(value)) {
      if (isSchema(s.items) && value.length > 0) walk(s.items, value[0], [...path, 0], depth + 1);
      return;
    }
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const props = isSchema(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? s.required : [];
    const relied = Array.isArray(s['x-relied-on']) ? s['x-relied-on'] : [];
    for (const [name, sub] of Object.entries(props)) {
      if (!(name in record) || !isSchema(sub)) continue;
      out.push({
        path: [...path, name],
        types: typesOf(root, sub),
        required: required.includes(name),
        relied: relied.includes(name),
      });
      walk(sub, record[name], [...path, name], depth + 1);
    }
    if (isSchema(s.additionalProperties)) {
      for (const key of Object.keys(record).filter((k) => !(k in props))) {
        out.push({
          path: [...path, key],
          types: typesOf(root, s.additionalProperties),
          required: false,
          relied: false,
        });
        walk(s.additionalProperties, record[key], [...path, key], depth + 1);
      }
    }
  };
  walk(root, body, [], 0);
  return out;
}

/** A JSON value none of `types` allows. */
export function valueOfAnotherType(types: readonly string[]): unknown {
  const allowed = new Set(types);
  if (!allowed.has('string')) return 'drifted';
  if (!allowed.has('boolean')) return true;
  if (!allowed.has('object')) return { drifted: true };
  return 42;
}

/** A deep copy of `body` with `edit` applied to the parent of `path`. */
export function edited(
  body: unknown,
  path: Path,
  edit: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(body);
  let node = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  edit(node, path[path.length - 1] as string | number);
  return copy;
}

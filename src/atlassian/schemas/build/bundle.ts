import type { Endpoint } from '../../catalogue/index.ts';
import { normaliseSchema } from './normalise.ts';
import { RELIED_ON_COMPONENTS, RELIED_ON_ROOTS, requireReliedOn } from './relied-on.ts';
import { isObject, type JsonObject, resolvePointer } from './spec-files.ts';

// One endpoint's success response schema, self-contained: the operation's JSON body schema plus
// every `#/components/...` schema it references, transitively, under `definitions` (draft-07),
// references rewritten to `#/definitions/<component name>`.

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

type SpecPointer = NonNullable<Endpoint['spec']>;

/** `#/components/schemas/User` → `User`; `#/components/responses/ApiTokenResponse` → `ApiTokenResponse`. */
function componentName(ref: string): string {
  const m = /^#\/components\/(schemas|responses)\/([^/]+)$/.exec(ref);
  if (!m?.[2]) throw new Error(`Unsupported reference ${ref}: only #/components/schemas|responses/<name>`);
  return decodeURIComponent(m[2]).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The JSON schema a response object describes. Also where the user-management spec's quirk
 * lands: `GET /users/{accountId}/manage/api-tokens` lists `items: {$ref:
 * '#/components/responses/ApiTokenResponse'}`, a *response* object, not a schema; what it means is
 * that response's JSON body schema (contract quirk 1).
 */
function jsonBodyOf(response: JsonObject): JsonObject | undefined {
  const content = response.content;
  if (!isObject(content)) return undefined;
  const media = content['application/json'];
  return isObject(media) && isObject(media.schema) ? media.schema : undefined;
}

function operationResponse(doc: JsonObject, spec: SpecPointer, label: string): JsonObject {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const item = paths[spec.path];
  const op = isObject(item) ? item[spec.method] : undefined;
  if (!isObject(op) || !isObject(op.responses)) throw new Error(`${label}: the spec has no such operation`);
  let response = op.responses[spec.status];
  if (isObject(response) && typeof response.$ref === 'string') response = resolvePointer(doc, response.$ref);
  if (!isObject(response)) {
    throw new Error(
      `${label}: the spec documents no ${spec.status} (it has ${Object.keys(op.responses).join(', ')})`,
    );
  }
  return response;
}

/** Sorts object keys recursively (arrays keep their order) so output is byte-for-byte stable. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/**
 * The bundled response schema of an endpoint, or undefined when the spec documents the status
 * without a JSON body (a 204). Throws when the spec lacks the operation or status.
 */
export function bundleResponseSchema(doc: JsonObject, endpoint: Endpoint): JsonObject | undefined {
  const spec = endpoint.spec;
  if (!spec) throw new Error(`${endpoint.id} has no spec pointer`);
  const label = `${endpoint.id} (${spec.file} ${spec.method.toUpperCase()} ${spec.path} → ${spec.status})`;
  const body = jsonBodyOf(operationResponse(doc, spec, label));
  if (!body) return undefined;

  const names = new Map<string, string>(); // spec ref → definition name
  const queue: string[] = [];
  const taken = new Set<string>();
  const ctx = {
    ref(ref: string): string {
      let name = names.get(ref);
      if (name === undefined) {
        const base = componentName(ref);
        name = base;
        // A response and a schema may share a name; the second gets a suffix.
        for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
        taken.add(name);
        names.set(ref, name);
        queue.push(ref);
      }
      return `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    },
    target(ref: string): JsonObject | undefined {
      const found = resolvePointer(doc, ref);
      return isObject(found) ? found : undefined;
    },
  };

  const root = requireReliedOn(
    normaliseSchema(ctx, body, endpoint.id),
    RELIED_ON_ROOTS[endpoint.id] ?? [],
    endpoint.id,
  );
  const reliedOn = RELIED_ON_COMPONENTS[spec.file] ?? {};
  const definitions: JsonObject = {};
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    const raw = resolvePointer(doc, ref);
    const isResponse = ref.startsWith('#/components/responses/');
    const schema = isResponse && isObject(raw) ? jsonBodyOf(raw) : raw;
    if (!isObject(schema)) throw new Error(`${label}: ${ref} resolves to no schema`);
    const component = componentName(ref);
    const fields = isResponse ? [] : (reliedOn[component] ?? []);
    definitions[names.get(ref) as string] = requireReliedOn(
      normaliseSchema(ctx, schema, component),
      fields,
      `${spec.file} ${component}`,
    );
  }
  return sortKeys({
    $schema: DRAFT_07,
    $comment:
      `Generated by scripts/generate-api-schemas.ts from ${spec.file} ` +
      `${spec.method.toUpperCase()} ${spec.path} → ${spec.status}. Do not edit.`,
    ...root,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  }) as JsonObject;
}

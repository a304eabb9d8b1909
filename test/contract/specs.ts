import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { SpecFile } from '../../src/atlassian/catalogue/index.ts';
import { SPEC_FILE_NAMES, specsDir } from '../../src/atlassian/schemas/build/spec-files.ts';

// Atlassian's official OpenAPI documents (spec/atlassian, see SOURCES.md there) turned into
// JSON-schema validators for response bodies. The documents are OpenAPI 3.0, whose schema
// dialect differs from the JSON Schema (2019-09) that Ajv speaks; every difference we bridge is a
// numbered quirk below, applied by `normaliseSchema()` to a copy of the document. Nothing else is
// relaxed: a body that fails here does not match what Atlassian documents. Whether a field the
// schema does not declare fails is the caller's choice (quirk 4, `undeclaredFields`).

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** `spec/atlassian` in the repository (provenance and licence in SOURCES.md there). */
export const SPECS_DIR = specsDir(PROJECT_ROOT);

export const SPEC_FILES = SPEC_FILE_NAMES;

export type JsonObject = { [key: string]: unknown };
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface OAuth2ScopeSet {
  scheme: string;
  /** `Current` = classic scopes, `Beta` = granular scopes. */
  state: string;
  scopes: string[];
}

export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

export interface SpecOperation {
  parameters?: (SpecParameter | { $ref: string })[];
  responses: Record<string, JsonObject>;
  security?: Record<string, string[]>[];
  'x-atlassian-oauth2-scopes'?: OAuth2ScopeSet[];
}

export interface SpecDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<HttpMethod, SpecOperation>>>;
  components?: JsonObject;
  security?: Record<string, string[]>[];
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const raw = new Map<SpecFile, SpecDocument>();

/** The official document, unmodified. Throws naming the folder when the shared specs are absent. */
export function loadSpec(file: SpecFile): SpecDocument {
  const cached = raw.get(file);
  if (cached) return cached;
  if (!existsSync(SPECS_DIR)) {
    throw new Error(
      `The official Atlassian OpenAPI specs are missing: expected the folder ${SPECS_DIR} ` +
        '(spec/atlassian in the repository). The contract tests need it.',
    );
  }
  const path = resolve(SPECS_DIR, SPEC_FILES[file]);
  if (!existsSync(path))
    throw new Error(`The official spec ${SPEC_FILES[file]} is missing from ${SPECS_DIR}`);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as SpecDocument;
  raw.set(file, doc);
  return doc;
}

/** Follows a local `#/...` JSON pointer inside a document. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) || Array.isArray(node) ? (node as JsonObject)[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** Escapes one JSON-pointer segment. */
export const pointerSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The path prefix of the spec's server URL: the catalogue stores full production paths, the specs
 * paths relative to their server (`/admin/v1`, `/wiki/api/v2`, `/rest/2`, or none).
 */
export function serverBasePath(file: SpecFile): string {
  const url = loadSpec(file).servers?.[0]?.url ?? '';
  // `https://{your-domain}/wiki/api/v2` and `//your-domain.atlassian.net` are not parseable URLs.
  const path = url.replace(/^(?:[a-z]+:)?\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '');
}

export function operation(file: SpecFile, path: string, method: HttpMethod): SpecOperation | undefined {
  return loadSpec(file).paths[path]?.[method];
}

/** The operation's parameters with `#/components/parameters` references resolved. */
export function parameters(file: SpecFile, op: SpecOperation): SpecParameter[] {
  const doc = loadSpec(file);
  return (op.parameters ?? []).map((p) => ('$ref' in p ? (resolvePointer(doc, p.$ref) as SpecParameter) : p));
}

/** The response object for a status, following a `#/components/responses` reference. */
export function specResponse(file: SpecFile, op: SpecOperation, status: string): JsonObject | undefined {
  const response = op.responses[status];
  if (!response) return undefined;
  const ref = response.$ref;
  return typeof ref === 'string' ? (resolvePointer(loadSpec(file), ref) as JsonObject | undefined) : response;
}

/** Whether the spec gives a JSON body schema for this status (404s often say only "Not found"). */
export function hasJsonSchema(file: SpecFile, op: SpecOperation, status: string): boolean {
  const content = specResponse(file, op, status)?.content;
  return isObject(content) && isObject((content['application/json'] as JsonObject | undefined)?.schema);
}

// ---- OpenAPI 3.0 → JSON Schema ------------------------------------------------------------------

/** Keywords whose value is one subschema. */
const SUBSCHEMA = ['additionalProperties', 'items', 'not', 'additionalItems', 'contains', 'propertyNames'];
/** Keywords whose value is a list of subschemas. */
const SUBSCHEMA_LIST = ['allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAP = ['properties', 'patternProperties', 'definitions'];

interface NormaliseContext {
  doc: JsonObject;
  /** Close every object that declares its fields (`unevaluatedProperties: false`, quirk 4). */
  declared: boolean;
  /** The schemas production extends (quirk 12), by identity, with the fields to add. */
  extended: Map<unknown, JsonObject>;
}

/** Follows `$ref`s to the schema itself (a `#/components/responses/` one to its JSON body, quirk 1). */
function dereference(ctx: NormaliseContext, schema: unknown): JsonObject | undefined {
  let s: unknown = schema;
  for (let hops = 0; isObject(s) && typeof s.$ref === 'string' && hops < 32; hops++) {
    const found = resolvePointer(ctx.doc, s.$ref);
    s =
      isObject(found) && isObject(found.content)
        ? resolvePointer(found, '#/content/application~1json/schema')
        : found;
  }
  return isObject(s) ? s : undefined;
}

const hasKeys = (v: unknown) => isObject(v) && Object.keys(v).length > 0;

/**
 * Whether a schema names the fields its object may have, so that any other field is undeclared:
 * it (or an `allOf` member) lists `properties` or closes itself, and no `anyOf`/`oneOf` branch is a
 * free-form object (which would admit any field). Maps (`additionalProperties: {...}`) evaluate
 * every field themselves, so closing around them costs nothing.
 */
function declaresFields(ctx: NormaliseContext, schema: unknown, seen = new Set<unknown>()): boolean {
  const s = dereference(ctx, schema);
  if (!s || seen.has(s)) return false;
  seen.add(s);
  const branches = [...((s.anyOf as unknown[]) ?? []), ...((s.oneOf as unknown[]) ?? [])];
  if (branches.some((b) => isFreeForm(ctx, b))) return false;
  return (
    hasKeys(s.properties) ||
    hasKeys(s.patternProperties) ||
    s.additionalProperties === false ||
    ctx.extended.has(s) ||
    [...((s.allOf as unknown[]) ?? []), ...branches].some((m) => declaresFields(ctx, m, seen))
  );
}

/** Keywords that say something about a value; a schema with none of them admits any object. */
const CONSTRAINS = ['properties', 'patternProperties', 'additionalProperties', 'allOf', 'anyOf', 'oneOf'];
const CONSTRAINS_SCALAR = ['enum', 'const', 'items', 'format', 'pattern'];

/** `{type: object}` (or `{}`) with nothing said about its fields. */
function isFreeForm(ctx: NormaliseContext, schema: unknown): boolean {
  const s = dereference(ctx, schema);
  if (!s || (s.type !== undefined && s.type !== 'object')) return false;
  return ![...CONSTRAINS, ...CONSTRAINS_SCALAR].some((k) => k in s);
}

/**
 * A schema at a new place in the body: a response body, a property's value, an array item, a map
 * value. In the declared variant, an object there may carry only the fields its schema declares.
 */
function normaliseValue(ctx: NormaliseContext, schema: unknown): unknown {
  const s = normaliseSchema(ctx, schema);
  return ctx.declared && declaresFields(ctx, schema) ? { allOf: [s], unevaluatedProperties: false } : s;
}

/** Keywords whose subschema describes a value somewhere else in the body (not the same value). */
const VALUE_KEYWORDS = new Set([
  'additionalProperties',
  'items',
  'additionalItems',
  'properties',
  'patternProperties',
]);

function normaliseSchema(ctx: NormaliseContext, schema: unknown): unknown {
  if (!isObject(schema)) return schema;

  if (typeof schema.$ref === 'string') {
    let ref = schema.$ref;
    // Quirk 1: the user-management spec's `GET /users/{accountId}/manage/api-tokens` lists
    // `items: {$ref: '#/components/responses/ApiTokenResponse'}`, a *response* object, not a
    // schema. What it means is that response's JSON body schema, so point there.
    if (ref.startsWith('#/components/responses/')) {
      const response = resolvePointer(ctx.doc, ref);
      if (isObject(response) && isObject(response.content)) ref = `${ref}/content/application~1json/schema`;
    }
    // Quirk 2: OpenAPI 3.0 says siblings of `$ref` "SHALL be ignored" (Reference Object), but Ajv
    // applies them. The specs write `{type: 'object', $ref, description}`; keep only the `$ref`.
    // `nullable` beside a `$ref` is honoured (its author's intent is clear; Ajv's own `nullable`
    // keyword refuses a schema without `type`).
    const out = { $ref: ref };
    return schema.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
  }

  const s: JsonObject = { ...schema };
  const extra = ctx.extended.get(schema);
  if (extra) s.properties = { ...(isObject(s.properties) ? s.properties : {}), ...extra };
  const sub = (key: string) => (VALUE_KEYWORDS.has(key) ? normaliseValue : normaliseSchema);
  for (const key of SUBSCHEMA) if (key in s) s[key] = sub(key)(ctx, s[key]);
  for (const key of SUBSCHEMA_LIST) {
    if (Array.isArray(s[key])) s[key] = (s[key] as unknown[]).map((x) => normaliseSchema(ctx, x));
  }
  if (Array.isArray(s.items)) s.items = s.items.map((x) => normaliseValue(ctx, x));
  for (const key of SUBSCHEMA_MAP) {
    const map = s[key];
    if (isObject(map))
      s[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, sub(key)(ctx, v)]));
  }

  // Quirk 3: OpenAPI `discriminator` is a hint for code generators; the `oneOf`/`anyOf` beside it
  // already decides validity. Ajv's own `discriminator` keyword needs an option and rejects the
  // specs' uses (admin `User` has a discriminator with no `oneOf` at all), so it is dropped.
  delete s.discriminator;

  // Quirk 4: fields the schema does not declare. Jira's spec closes 800+ beans with
  // `additionalProperties: false` and leaves the rest open, as do the other specs; neither decides
  // whether a field is declared where a bean is composed (`allOf`: each member would refuse the
  // others' fields). So `additionalProperties: false` is dropped, and undeclared fields are decided
  // in one place for every spec: by default they are accepted (production adds fields the specs
  // omit) and listed by `undocumented()`; `{undeclaredFields: 'reject'}` validates against the
  // declared variant, where every body value whose schema declares its fields is wrapped in
  // `unevaluatedProperties: false` (JSON Schema 2019-09, which sees through `$ref`, `allOf` and the
  // `anyOf`/`oneOf` branch that matched). Known omissions are declared by quirk 12.
  if (s.additionalProperties === false) delete s.additionalProperties;

  // Quirk 5: `writeOnly` properties are request-only ("SHOULD NOT be sent as part of the
  // response", OpenAPI 3.0.3 Schema Object), so a response need not carry them even where the
  // schema lists them as `required`. `readOnly` is the mirror image and needs nothing here.
  if (Array.isArray(s.required) && isObject(schema.properties)) {
    const props = schema.properties;
    s.required = s.required.filter(
      (name) => !(typeof name === 'string' && dereference(ctx, props[name])?.writeOnly === true),
    );
    if ((s.required as unknown[]).length === 0) delete s.required;
  } else if ('required' in s && !Array.isArray(s.required)) {
    // Swagger 2 style `required: true` inside a schema: not a JSON-schema keyword; drop it.
    delete s.required;
  }

  // Quirk 6: Marketplace HAL links. The spec types `Link.href` as `format: uri` but says in the
  // same breath "hostname and scheme will be omitted if it is a link within Marketplace", and
  // production sends `{"href": "/rest/2/vendors/81"}`: such an href is a URI *reference*
  // (marketplace-rest-v2 `components.schemas.Link`; docs/atlassian/API.md §0.2 item 9).
  if (
    s.format === 'uri' &&
    typeof s.description === 'string' &&
    /scheme will be omitted/i.test(s.description)
  ) {
    s.format = 'uri-reference';
  }

  // Quirk 7: draft-4 style boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0) become
  // draft-07 numbers.
  if (typeof s.exclusiveMinimum === 'boolean') {
    if (s.exclusiveMinimum && typeof s.minimum === 'number') {
      s.exclusiveMinimum = s.minimum;
      delete s.minimum;
    } else delete s.exclusiveMinimum;
  }
  if (typeof s.exclusiveMaximum === 'boolean') {
    if (s.exclusiveMaximum && typeof s.maximum === 'number') {
      s.exclusiveMaximum = s.maximum;
      delete s.maximum;
    } else delete s.exclusiveMaximum;
  }

  // Quirk 8: patterns copied from YAML block scalars carry a trailing newline (user-management
  // `AccountId`: "[a-zA-Z0-9_|:-]{1,128}\n"), which no real id contains.
  if (typeof s.pattern === 'string') s.pattern = s.pattern.replace(/\s+$/, '');

  // Quirk 9: OpenAPI 3.0 `nullable: true` is not JSON Schema. Ajv has a `nullable` keyword, but it
  // refuses schemas without `type` and does not extend `enum` (verified with Ajv 8.20), so
  // nullability is written out: `type: [t, 'null']` (+ `null` in `enum`), or `anyOf [s, null]`.
  if (s.nullable === true) {
    delete s.nullable;
    // With `allOf`/`anyOf`/`oneOf` beside `type`, null would still fail those: wrap instead.
    if (typeof s.type === 'string' && !s.allOf && !s.anyOf && !s.oneOf) {
      s.type = [s.type, 'null'];
      if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
      return s;
    }
    return { anyOf: [s, { type: 'null' }] };
  }
  delete s.nullable;
  return s;
}

/**
 * Quirk 12: fields production sends that the spec's schema omits. Each is declared here with its
 * type, so `{undeclaredFields: 'reject'}` accepts it and still checks it; any other undeclared
 * field in a body is one the simulator invented. Add an entry only with a source.
 */
export const SENT_BUT_UNDECLARED: readonly {
  file: SpecFile;
  /** JSON pointer to the schema the field is missing from. */
  schema: string;
  field: string;
  type: JsonObject;
  why: string;
}[] = [
  {
    file: 'jira-platform-rest-v3',
    schema: '#/components/schemas/AuditRecordBean',
    field: 'authorAccountId',
    type: { type: 'string' },
    why:
      'AuditRecordBean.authorKey says "Deprecated, use authorAccountId instead" and the operation\'s own ' +
      'example carries it; docs/atlassian/API.md (Jira audit). ' +
      'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-audit-records/',
  },
  {
    file: 'admin-user-management',
    schema: '#/components/responses/ApiTokenResponse/content/application~1json/schema',
    field: 'expiry',
    type: { type: 'string', format: 'date-time' },
    why:
      "Tokens expire since 2024: the reference page's example has it, the 2022 spec file does not; " +
      'docs/atlassian/API.md (user management). ' +
      'https://developer.atlassian.com/cloud/admin/user-management/rest/api-group-users/',
  },
  {
    file: 'marketplace-rest-v2',
    schema: '#/components/schemas/Addon',
    field: 'programs',
    type: {
      type: 'object',
      properties: {
        cloudFortified: { $ref: '#/components/schemas/TopVendor' },
        bugBountyParticipant: {
          type: 'object',
          properties: {
            cloud: { $ref: '#/components/schemas/TopVendor' },
            server: { $ref: '#/components/schemas/TopVendor' },
            dataCenter: { $ref: '#/components/schemas/TopVendor' },
          },
        },
        topVendor: { $ref: '#/components/schemas/TopVendor' },
      },
    },
    why:
      'Trust programmes, newer than the 2021 spec (see SOURCES.md there); each is a `{status}` like the ' +
      "spec's TopVendor; docs/atlassian/API.md (Marketplace). " +
      'https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-apps/#api-addons-addonkey-get',
  },
  {
    file: 'marketplace-rest-v2',
    schema: '#/components/schemas/Addon',
    field: 'storesPersonalData',
    type: { type: 'boolean' },
    why: 'Newer than the 2021 spec, like `programs`; docs/atlassian/API.md (Marketplace).',
  },
];

/** Walks the places an OpenAPI document keeps schemas and normalises each one. */
function normaliseDocument(file: SpecFile, id: string, declared: boolean): JsonObject {
  const doc = loadSpec(file);
  const extended = new Map<unknown, JsonObject>();
  for (const x of SENT_BUT_UNDECLARED.filter((e) => e.file === file)) {
    const schema = resolvePointer(doc, x.schema);
    if (!isObject(schema)) throw new Error(`SENT_BUT_UNDECLARED: ${file} has no schema ${x.schema}`);
    extended.set(schema, { ...extended.get(schema), [x.field]: x.type });
  }
  const ctx: NormaliseContext = { doc: doc as unknown as JsonObject, declared, extended };
  const content = (c: unknown) =>
    isObject(c)
      ? Object.fromEntries(
          Object.entries(c).map(([type, media]) => [
            type,
            isObject(media) ? { ...media, schema: normaliseValue(ctx, media.schema) } : media,
          ]),
        )
      : c;
  const response = (r: unknown) =>
    isObject(r) && 'content' in r ? { ...r, content: content(r.content) } : r;
  const responses = (rs: unknown) =>
    isObject(rs) ? Object.fromEntries(Object.entries(rs).map(([k, v]) => [k, response(v)])) : rs;

  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const ops: JsonObject = {};
    for (const [method, op] of Object.entries(item ?? {})) {
      ops[method] = isObject(op) ? { responses: responses(op.responses) } : op;
    }
    paths[path] = ops;
  }
  return {
    // The whole document is registered under this id; `#/components/...` references inside it
    // resolve against it, and validators reference `<id>#/paths/.../schema`.
    $id: id,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, normaliseSchema(ctx, v)])),
      responses: responses(components.responses),
    },
    paths,
  };
}

// ---- formats ------------------------------------------------------------------------------------

/**
 * Quirk 10: `date-time`. RFC 3339 as ajv-formats checks it, except that Jira writes the zone
 * offset without a colon (`2026-11-01T12:00:00.000+0000`, Java's `Z` pattern) and documents it as
 * `date-time` all the same: the spec's own examples say `"created":"2014-03-19T18:45:42.967+0000"`.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-audit-records/
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;
function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1));
  return (
    date.getUTCMonth() === (mo ?? 0) - 1 &&
    date.getUTCDate() === d &&
    (h ?? 99) < 24 &&
    (mi ?? 99) < 60 &&
    (s ?? 99) < 61
  );
}

function newAjv(): Ajv2019 {
  // Draft 2019-09 for `unevaluatedProperties` (quirk 4); the normalised schemas use nothing that
  // 2019-09 reads differently from draft-07 (`$ref` siblings are gone, quirk 2).
  const ajv = new Ajv2019({
    strict: false,
    allErrors: true,
    verbose: true,
    // Some patterns in the specs use escapes that are invalid with the `u` flag (`\-`).
    unicodeRegExp: false,
    // What is registered is a whole OpenAPI document, not a schema: checking it against the
    // JSON-schema meta-schema costs time and checks nothing (`paths` is not a keyword).
    validateSchema: false,
  });
  // Quirk 11: formats. ajv-formats knows the OpenAPI ones (int32, int64, float, double, byte,
  // binary, password) and JSON-schema ones (date, time, uri, uuid, uri-template). Marketplace's
  // `html` and `html-links-only` are plain strings of markup; they are accepted as any string.
  addFormatsModule.default(ajv, { mode: 'full' });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('html', true);
  ajv.addFormat('html-links-only', true);
  return ajv;
}

// ---- validators ---------------------------------------------------------------------------------

export interface ContractIssue {
  /** JSON pointer of the failing field in the response body (`/data/0/attributes/claim/status`). */
  pointer: string;
  message: string;
  /** The offending value, shortened. */
  value?: string;
}

export interface ResponseValidator {
  /** `GET /orgs/{orgId}/domains → 200 (admin-organizations-v1)`. */
  readonly label: string;
  /** False when the spec documents the status without a JSON body (204, or bare 404s). */
  readonly hasSchema: boolean;
  /** Every way the body departs from the spec; empty when it conforms. */
  validate(body: unknown): ContractIssue[];
  /** Fields the schema does not declare (indices as `*`), whichever the mode (quirk 4). */
  undocumented(body: unknown): string[];
}

export interface ValidatorOptions {
  /**
   * A field the schema does not declare: `'accept'` (the default) lets it pass, for
   * `undocumented()` to list; `'reject'` makes it an issue unless quirk 12 declares it, so a
   * simulator that invents a field fails.
   */
  undeclaredFields?: 'accept' | 'reject';
}

const ajvs = new Map<string, Ajv2019>();
const validators = new Map<string, ResponseValidator>();

function ajvFor(file: SpecFile, declared: boolean): { ajv: Ajv2019; id: string } {
  const id = `https://palisade.test/specs/${file}${declared ? '.declared' : ''}.json`;
  let ajv = ajvs.get(id);
  if (!ajv) {
    ajv = newAjv();
    ajv.addSchema(normaliseDocument(file, id, declared));
    ajvs.set(id, ajv);
  }
  return { ajv, id };
}

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `/records/3/authorAccountId` for an undeclared field, from Ajv's `unevaluatedProperties` error. */
const undeclaredPointer = (e: ErrorObject) =>
  `${e.instancePath}/${String((e.params as Record<string, unknown>).unevaluatedProperty)}`;

function issueOf(error: ErrorObject): ContractIssue {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${error.instancePath}/${String(p.missingProperty)}`,
        message: 'is required by the spec but missing',
      };
    case 'unevaluatedProperties':
      return { pointer: undeclaredPointer(error), message: 'is not declared by the spec' };
    case 'enum':
      return {
        pointer: error.instancePath || '/',
        message: `must be one of ${shorten(p.allowedValues)}`,
        value: shorten(error.data),
      };
    default:
      return {
        pointer: error.instancePath || '/',
        message: error.message ?? error.keyword,
        value: shorten(error.data),
      };
  }
}

function issuesOf(errors: ErrorObject[] | null | undefined): ContractIssue[] {
  const seen = new Set<string>();
  const out: ContractIssue[] = [];
  for (const e of errors ?? []) {
    const issue = issueOf(e);
    const key = `${issue.pointer}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function compile(file: SpecFile, pointer: string, declared: boolean): ValidateFunction {
  const { ajv, id } = ajvFor(file, declared);
  return ajv.compile({ $ref: `${id}${pointer}` });
}

/**
 * A validator for the JSON body an operation answers with at `status`. Throws when the spec has
 * no such operation or status, so a catalogue typo fails loudly.
 */
export function responseValidator(
  file: SpecFile,
  path: string,
  method: string,
  status: string,
  options: ValidatorOptions = {},
): ResponseValidator {
  const reject = options.undeclaredFields === 'reject';
  const key = `${file} ${method} ${path} ${status}${reject ? ' declared' : ''}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const m = method.toLowerCase() as HttpMethod;
  const label = `${m.toUpperCase()} ${path} → ${status} (${file})`;
  const op = operation(file, path, m);
  if (!op) throw new Error(`${file} has no operation ${m.toUpperCase()} ${path}`);
  const response = op.responses[status];
  if (!response) {
    throw new Error(
      `${label}: the spec documents no ${status} (it has ${Object.keys(op.responses).join(', ')})`,
    );
  }
  let v: ResponseValidator;
  if (!hasJsonSchema(file, op, status)) {
    v = { label, hasSchema: false, validate: () => [], undocumented: () => [] };
  } else {
    const base =
      typeof response.$ref === 'string'
        ? response.$ref
        : `#/paths/${pointerSegment(path)}/${m}/responses/${pointerSegment(status)}`;
    const pointer = `${base}/content/application~1json/schema`;
    const check = compile(file, pointer, reject);
    let declared: ValidateFunction | undefined = reject ? check : undefined;
    v = {
      label,
      hasSchema: true,
      validate(body) {
        return check(body) ? [] : issuesOf(check.errors);
      },
      undocumented(body) {
        declared ??= compile(file, pointer, true);
        if (declared(body)) return [];
        return (
          (declared.errors ?? [])
            .filter((e) => e.keyword === 'unevaluatedProperties')
            .map(undeclaredPointer)
            // `/records/3/authorAccountId` → `/records/*/authorAccountId`: one line per field.
            .map((p) => p.replace(/\/\d+(?=\/)/g, '/*'))
            .filter((p, i, all) => all.indexOf(p) === i)
        );
      },
    };
  }
  validators.set(key, v);
  return v;
}

/** A readable failure message: endpoint, operation, and one line per failing field. */
export function formatIssues(
  endpointId: string,
  validator: ResponseValidator,
  issues: ContractIssue[],
): string {
  const lines = issues.map(
    (i) => `  ${i.pointer}: ${i.message}${i.value === undefined ? '' : ` (got ${i.value})`}`,
  );
  return `${endpointId}: the body does not match ${validator.label}\n${lines.join('\n')}`;
}

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Endpoint, SpecFile } from '../../src/atlassian/catalogue/index.ts';

// Variance: real tenants answer within what Atlassian documents, but not the way one simulator
// does. With it on, every successful JSON answer goes through one transformer, per endpoint,
// seeded and deterministic (the same seed, tenant and request give the same answer), that varies
// only what the documentation allows:
//
// - optional fields null or absent: for endpoints with a spec, any property the spec (or
//   Palisade's relied-on list, the fields Atlassian always sends) does not require, read from the
//   generated response schemas; for the others, the fields their docs show as optional (below).
//   Paging fields at the top of a page (`links`, `isLast`, `_links`…) are left alone: Atlassian
//   never drops the link to the next page while there is one.
// - enum values newer than the spec: `projectTypeKey: product_discovery` (Jira Product
//   Discovery projects, https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-types/).
// - extra fields the spec does not declare (Atlassian adds fields without notice:
//   https://developer.atlassian.com/platform/marketplace/rest/v2/intro/#versioning — clients must
//   ignore what they do not know); never in a map such as a project's roles, where a key is data.
// - GraphQL field errors beside data: a field the gateway could not resolve is null with an entry
//   in `errors` (https://spec.graphql.org/October2021/#sec-Handling-Field-Errors).

const endpointMatch = z.array(z.string().min(1)).optional();

export const varianceSchema = z
  .object({
    /** Same seed, same variations. */
    seed: z.number().int().optional(),
    /** Share of optional fields, enum values and objects varied (default 0.3). */
    rate: z.number().min(0).max(1).optional(),
    /** Endpoint ids (or `family.*`) to vary; absent = every endpoint. */
    endpoints: endpointMatch,
  })
  .strict();

export type VarianceConfig = z.infer<typeof varianceSchema>;

export const DEFAULT_VARIANCE_RATE = 0.3;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** FNV-1a then a finaliser: a uniform number in [0, 1) from a seed and a label. */
function hashUnit(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A stable name for a list element: its id or key where it has one, else its position. */
function identity(value: unknown, index: number): string {
  if (isObject(value)) {
    for (const k of ['id', 'key', 'accountId', 'account_id', 'groupId', 'name']) {
      const v = value[k];
      if (typeof v === 'string' || typeof v === 'number') return `${k}=${v}`;
    }
  }
  return `#${index}`;
}

/** Decisions for one answer: each is a function of the seed and where in the body it is made. */
class Dice {
  readonly seed: number;
  readonly rate: number;
  constructor(seed: number, rate: number) {
    this.seed = seed;
    this.rate = rate;
  }
  chance(label: string, rate = this.rate): boolean {
    return rate > 0 && hashUnit(this.seed, label) < rate;
  }
}

/** Paging state at the top of a page: never varied. */
const PAGING = new Set([
  'links',
  '_links',
  'isLast',
  'total',
  'startAt',
  'maxResults',
  'nextPage',
  'offset',
  'limit',
  'start',
  'size',
  'meta',
  'pageInfo',
  'self',
]);

/** Enum values real tenants send that the specs do not list yet, by spec and `Component.property`. */
const NEWER_ENUM_VALUES: Partial<Record<SpecFile, Record<string, readonly string[]>>> = {
  'jira-platform-rest-v3': {
    'Project.projectTypeKey': ['product_discovery'],
    'ProjectDetails.projectTypeKey': ['product_discovery'],
  },
};

/** An undeclared field of an assorted type, as a later API version might add. */
function extraField(dice: Dice, label: string): [string, unknown] {
  const u = hashUnit(dice.seed, `${label}|extra-kind`);
  if (u < 0.25) return ['entityVersion', Math.floor(u * 1000)];
  if (u < 0.5) return ['ari', `ari:cloud:platform::entity/${Math.floor(u * 1e6)}`];
  if (u < 0.75) return ['experimentalFlags', { beta: true, rollout: ['a', 'b'] }];
  return ['lastModifiedBy', null];
}

// ---- Endpoints with a spec: driven by the generated response schemas -----------------------

let specSchemas: Record<string, Json> | undefined;
function specSchemaOf(endpointId: string): Json | undefined {
  specSchemas ??= JSON.parse(
    readFileSync(
      new URL('../../src/atlassian/schemas/generated/response-schemas.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, Json>;
  return specSchemas[endpointId];
}

interface Resolved {
  schema: Json;
  /** The definition it came from (`Project`), for the newer enum values. */
  name: string | undefined;
}

/** Follows `$ref`s, nullable wrappers and `allOf` into one object schema (properties merged). */
function resolve(root: Json, schema: unknown, name?: string, depth = 0): Resolved | undefined {
  if (!isObject(schema) || depth > 20) return undefined;
  if (typeof schema.$ref === 'string') {
    const def = schema.$ref
      .replace(/^#\/definitions\//, '')
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    const defs = isObject(root.definitions) ? root.definitions : {};
    return resolve(root, defs[def], def, depth + 1);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const real = branches.filter((b) => isObject(b) && b.type !== 'null');
    // A genuine union is left as it is: which branch applies is not for the simulator to guess.
    return real.length === 1 ? resolve(root, real[0], name, depth + 1) : undefined;
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf
      .map((b) => resolve(root, b, undefined, depth + 1))
      .filter((p) => p !== undefined);
    const properties: Json = { ...(isObject(schema.properties) ? schema.properties : {}) };
    const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    let partName: string | undefined;
    for (const p of parts) {
      Object.assign(properties, isObject(p.schema.properties) ? p.schema.properties : {});
      for (const r of Array.isArray(p.schema.required) ? (p.schema.required as string[]) : [])
        required.add(r);
      partName ??= p.name;
      if (p.schema.items !== undefined && schema.items === undefined) {
        return { schema: { ...p.schema, properties, required: [...required] }, name: name ?? p.name };
      }
    }
    return { schema: { ...schema, properties, required: [...required] }, name: name ?? partName };
  }
  return { schema, name };
}

function varySpecValue(
  root: Json,
  spec: SpecFile,
  dice: Dice,
  schema: unknown,
  value: unknown,
  label: string,
  top: boolean,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  const resolved = resolve(root, schema);
  if (!resolved) return value;
  const s = resolved.schema;
  if (Array.isArray(value)) {
    return value.map((v, i) =>
      varySpecValue(root, spec, dice, s.items, v, `${label}[${identity(v, i)}]`, false),
    );
  }
  const props = isObject(s.properties) ? s.properties : {};
  // A map (`{Developers: url}`): its keys are data, neither added to nor taken away.
  if (Object.keys(props).length === 0) {
    if (!isObject(s.additionalProperties)) return value;
    const extra = s.additionalProperties;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        varySpecValue(root, spec, dice, extra, v, `${label}.${k}`, false),
      ]),
    );
  }
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const newer = NEWER_ENUM_VALUES[spec] ?? {};
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const sub = props[key];
    const at = `${label}.${key}`;
    if (sub === undefined || (top && PAGING.has(key))) {
      out[key] = v;
      continue;
    }
    if (!required.has(key) && v !== null && dice.chance(`${at}|optional`)) {
      // Null or absent, as the documentation allows for a field it does not require.
      if (dice.chance(`${at}|null`, 0.5)) out[key] = null;
      continue;
    }
    const values = resolved.name ? newer[`${resolved.name}.${key}`] : undefined;
    if (values && typeof v === 'string' && dice.chance(`${at}|enum`)) {
      out[key] = values[Math.floor(hashUnit(dice.seed, `${at}|which`) * values.length)];
      continue;
    }
    out[key] = varySpecValue(root, spec, dice, sub, v, at, false);
  }
  if (!top && dice.chance(`${label}|extra`, dice.rate / 2)) {
    const [name, extra] = extraField(dice, label);
    if (!(name in out)) out[name] = extra;
  }
  return out;
}

// ---- Endpoints without a spec: the optional fields their docs show --------------------------

/**
 * Generalised paths (`plugins[].vendor`) that may be null or absent, per endpoint id. UPM's
 * representations (com.atlassian.upm.core.rest.representations) write `vendor: null` for a plugin
 * without a vendor name and null links for a vendor URL that is no URI; the admin v2 directory
 * hides what a profile does not share and has no `lastActive` for accounts never active
 * (https://developer.atlassian.com/cloud/admin/organization/rest/api-group-directory/); the
 * workspace attributes beyond name and type are optional.
 */
const UPM_SUMMARY = ['description', 'vendor', 'vendor.link', 'vendor.marketplaceLink', 'vendor.topVendor'];
const OPTIONAL_PATHS: Record<string, readonly string[]> = {
  'upm.jira.list': UPM_SUMMARY.map((p) => `plugins[].${p}`),
  'upm.confluence.list': UPM_SUMMARY.map((p) => `plugins[].${p}`),
  'upm.jira.get': [...UPM_SUMMARY, 'licenseDetails'],
  'upm.confluence.get': [...UPM_SUMMARY, 'licenseDetails'],
  'admin.directory.users.list': [
    'email',
    'nickname',
    'lastActive',
    'addedToOrg',
    'managementSource',
    'emailVerified',
    'jobTitle',
    'department',
    'timeZone',
  ].map((p) => `data[].${p}`),
  'admin.directory.groups.list': ['description', 'managedBy', 'counts'].map((p) => `data[].${p}`),
  'admin.workspaces.search': ['hostUrl', 'status', 'owner', 'createdAt'].map((p) => `data[].attributes.${p}`),
  'graphql.appInstallations.list': ['app.vendorName', 'license', 'createdAt'].map(
    (p) => `data.ecosystem.appInstallationsByContext.nodes[].${p}`,
  ),
  'marketplace.addonPrivacy.get': [
    'thirdPartyInformation.dataSubProcessors',
    'dataResidency.isDataResidencySupported',
  ],
};

/** Applies the optional paths: walks the body along each, varying the field at its end. */
function varyPaths(dice: Dice, body: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(body);
  for (const path of paths) {
    const steps = path.split('.');
    const walk = (node: unknown, i: number, label: string): void => {
      const step = steps[i] as string;
      const list = step.endsWith('[]');
      const name = list ? step.slice(0, -2) : step;
      if (!isObject(node) || !(name in node)) return;
      if (i === steps.length - 1 && !list) {
        if (node[name] !== null && dice.chance(`${label}.${name}|optional`)) {
          if (dice.chance(`${label}.${name}|null`, 0.5)) node[name] = null;
          else delete node[name];
        }
        return;
      }
      const next = node[name];
      if (list && Array.isArray(next)) {
        for (const [j, v] of next.entries()) walk(v, i + 1, `${label}.${name}[${identity(v, j)}]`);
      } else walk(next, i + 1, `${label}.${name}`);
    };
    walk(copy, 0, '');
  }
  return copy;
}

// ---- GraphQL: field errors beside data ------------------------------------------------------

const NODES = ['ecosystem', 'appInstallationsByContext', 'nodes'] as const;

/**
 * Some installations' `appEnvironmentVersion` (a beta field behind the ExperimentalApi header)
 * could not be resolved, and now and then an installation's `app`: each is null with an error in
 * `errors` naming its path, as the gateway answers (HTTP 200).
 */
function graphqlFieldErrors(dice: Dice, body: unknown): unknown {
  if (!isObject(body) || !isObject(body.data)) return body;
  const copy = structuredClone(body);
  const connection = (copy.data as Json).ecosystem;
  const nodes =
    isObject(connection) && isObject(connection.appInstallationsByContext)
      ? connection.appInstallationsByContext.nodes
      : undefined;
  if (!Array.isArray(nodes)) return copy;
  const errors: Json[] = Array.isArray(copy.errors) ? [...(copy.errors as Json[])] : [];
  nodes.forEach((node, i) => {
    if (!isObject(node)) return;
    const label = `graphql[${identity(node, i)}]`;
    const fail = (field: string, message: string) => {
      node[field] = null;
      errors.push({
        message,
        path: ['data', ...NODES, i, field].slice(1),
        extensions: {
          statusCode: 500,
          errorSource: 'UNDERLYING_SERVICE',
          classification: 'DataFetchingException',
        },
      });
    };
    if ('appEnvironmentVersion' in node && dice.chance(`${label}|version-error`)) {
      fail('appEnvironmentVersion', 'Failed to fetch the app environment version');
    } else if ('app' in node && dice.chance(`${label}|app-error`, dice.rate / 4)) {
      fail('app', 'Failed to fetch the app of the installation');
    }
  });
  if (errors.length > 0) copy.errors = errors;
  return copy;
}

// ---- The transformer -------------------------------------------------------------------------

export function matchesVariance(config: VarianceConfig, endpointId: string): boolean {
  const patterns = config.endpoints;
  if (!patterns) return true;
  return patterns.some((p) => (p.endsWith('.*') ? endpointId.startsWith(p.slice(0, -1)) : p === endpointId));
}

/**
 * The answer as a real tenant might have sent it. `key` tells requests apart (the URL), so that
 * the same request always gets the same answer. The body is never modified: what is varied is a
 * copy (handlers may answer with the tenant's own objects).
 */
export function varyAnswer(config: VarianceConfig, endpoint: Endpoint, key: string, body: unknown): unknown {
  if (body === undefined || body === null || typeof body !== 'object') return body;
  if (!matchesVariance(config, endpoint.id)) return body;
  const seed = (config.seed ?? 1) ^ Math.floor(hashUnit(0, key) * 0x7fffffff);
  const dice = new Dice(seed, config.rate ?? DEFAULT_VARIANCE_RATE);
  if (endpoint.spec) {
    const root = specSchemaOf(endpoint.id);
    return root ? varySpecValue(root, endpoint.spec.file, dice, root, body, endpoint.id, true) : body;
  }
  let varied: unknown = body;
  const paths = OPTIONAL_PATHS[endpoint.id];
  if (paths) varied = varyPaths(dice, varied, paths);
  if (endpoint.id === 'graphql.appInstallations.list') varied = graphqlFieldErrors(dice, varied);
  return varied;
}

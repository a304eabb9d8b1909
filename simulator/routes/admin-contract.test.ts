import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type Harness, startHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// Holds the admin v1 and user management responses against the official OpenAPI documents:
// every response must validate against the spec's schema, and carry no field the schema does
// not declare (the specs leave additionalProperties open, so Ajv alone would not notice).

type Json = Record<string, unknown>;
// The specs live beside the project in shared/atlassian/specs (see SOURCES.md there).
const specs = new URL('../../../shared/atlassian/specs/', import.meta.url);
const load = (file: string) =>
  JSON.parse(readFileSync(new URL(`${file}.swagger.v3.json`, specs), 'utf8')) as Json;
const v1Spec = load('admin-organizations-v1');
const umSpec = load('admin-user-management');

// ajv-formats is CommonJS: its default import is the module object under nodenext typing.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (a: Ajv) => void;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(v1Spec, 'v1');
ajv.addSchema(umSpec, 'um');

function pointer(root: Json, ref: string): Json {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json)[part.replace(/~1/g, '/')];
  return node as Json;
}

function resolved(root: Json, schema: Json): Json {
  let s = schema;
  while (typeof s.$ref === 'string') s = pointer(root, s.$ref);
  return s;
}

/** Declared properties of a schema, merging `allOf` members; undefined when it is free-form. */
function declared(root: Json, schema: Json): Record<string, Json> | undefined {
  const s = resolved(root, schema);
  let props = s.properties as Record<string, Json> | undefined;
  for (const member of (s.allOf as Json[] | undefined) ?? []) {
    const more = declared(root, member);
    if (more) props = { ...props, ...more };
  }
  return props;
}

/** Paths of fields present in `value` that its schema does not declare. */
function undeclared(root: Json, schema: Json, value: unknown, path = '$'): string[] {
  const s = resolved(root, schema);
  if (Array.isArray(value)) {
    return s.items ? value.flatMap((v, i) => undeclared(root, s.items as Json, v, `${path}[${i}]`)) : [];
  }
  if (!value || typeof value !== 'object') return [];
  const props = declared(root, s);
  if (!props || s.additionalProperties) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = props[k];
    return p ? undeclared(root, p, v, `${path}.${k}`) : [`${path}.${k}`];
  });
}

function holds(spec: 'v1' | 'um', ref: string, value: unknown, allowExtra: string[] = []): void {
  const validate = ajv.getSchema(`${spec}${ref}`);
  assert.ok(validate, `no schema ${ref}`);
  assert.ok(validate(value), `${ref}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
  const root = spec === 'v1' ? v1Spec : umSpec;
  const extra = undeclared(root, pointer(root, ref), value).filter(
    (p) => !allowExtra.some((a) => p.endsWith(a)),
  );
  assert.deepEqual(extra, [], `${ref}: fields the spec does not declare`);
}

let h: Harness;
let org: string;

before(async () => {
  h = await startHarness();
  org = `${h.api}/admin/v1/orgs/${TINY.orgId}`;
});
after(() => h.stop());

async function answer(
  url: string,
  status: number,
  authorization = h.orgKey,
  method = 'GET',
): Promise<unknown> {
  const res =
    method === 'GET' ? await h.get(url, authorization) : await h.send(method, url, undefined, authorization);
  assert.equal(res.status, status, url);
  return res.json();
}

test('v1 organization, user, domain, event and policy responses match the official spec', async () => {
  const cases: [string, string][] = [
    [`${h.api}/admin/v1/orgs`, '#/components/schemas/OrgPage'],
    [org, '#/components/schemas/Org'],
    [`${org}/users`, '#/components/schemas/UserPage'],
    [`${org}/domains`, '#/components/schemas/DomainPage'],
    [`${org}/domains/d0000000-0000-4000-8000-000000000001`, '#/components/schemas/Domain'],
    [`${org}/events`, '#/components/schemas/EventPage'],
    [`${org}/events/ev000000-0000-4000-8000-000000000002`, '#/components/schemas/Event'],
    [`${org}/policies`, '#/components/schemas/PolicyPage'],
    [`${org}/policies/p0000000-0000-4000-8000-000000000001`, '#/components/schemas/Policy'],
  ];
  for (const [url, ref] of cases) holds('v1', ref, await answer(url, 200));
});

test('v1 error responses match the spec’s error models', async () => {
  const errors: [string, number, string, string?][] = [
    [`${h.api}/admin/v1/orgs/nope`, 404, '#/components/schemas/Error.OrgNotFound.Model'],
    [`${org}/domains/nope`, 404, '#/components/schemas/Error.DomainNotFound.Model'],
    [`${org}/events/nope`, 404, '#/components/schemas/Error.EventNotFound.Model'],
    [`${org}/policies/nope`, 404, '#/components/schemas/Error.PolicyNotFound.Model'],
    [`${org}/users?cursor=nope`, 400, '#/components/schemas/Error.InvalidPageCursor.Model'],
    [`${org}/events?from=soon`, 400, '#/components/schemas/Error.InvalidSearchTimeDate.Model'],
    [`${org}/users`, 401, '#/components/schemas/ProxyError', 'Bearer nope'],
    [`${org}/domains`, 403, '#/components/schemas/Error.NoPerms.Model', `Bearer ${TINY.scopedOrgKey}`],
  ];
  for (const [url, status, ref, auth] of errors)
    holds('v1', ref, await answer(url, status, auth ?? h.orgKey));
});

test('user management token responses match the spec', async () => {
  const tokens = (await answer(`${h.api}/users/${TINY.admin}/manage/api-tokens`, 200)) as unknown[];
  assert.equal(tokens.length, 1);
  // `expiry` is documented on the reference page (2024+) but not in the 2022 spec file.
  for (const t of tokens)
    holds('um', '#/components/responses/ApiTokenResponse/content/application~1json/schema', t, ['.expiry']);
  holds(
    'um',
    '#/components/responses/Forbidden.Action/content/application~1json/schema',
    await answer(`${h.api}/users/${TINY.external}/manage/api-tokens`, 403),
  );
  holds(
    'um',
    '#/components/responses/NotFound.Account/content/application~1json/schema',
    await answer(`${h.api}/users/5b10a2844c2016570000dead/manage/api-tokens`, 404),
  );
});

test('the contract check itself notices an undeclared field and a wrong type', () => {
  const org = (attributes: Json, id: unknown = 'x') => ({
    data: { id, type: 'orgs', attributes, relationships: {}, links: { self: 's' } },
  });
  holds('v1', '#/components/schemas/Org', org({ name: 'n' }));
  assert.throws(() => holds('v1', '#/components/schemas/Org', org({ name: 'n', plan: 'PREMIUM' })), /plan/);
  assert.throws(() => holds('v1', '#/components/schemas/Org', org({ name: 'n' }, 7)), /must be string/);
});

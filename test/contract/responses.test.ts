import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tenant } from '../../simulator/tenant/model.ts';
import { tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { type Endpoint, endpoints } from '../../src/atlassian/catalogue/index.ts';
import { type ContractRequest, defaultCaller, describeReply, type Reply, send } from './client.ts';
import { type Fixture, missingParam } from './fixture.ts';
import { errorRequests, requests, requestsFor } from './requests.ts';
import { formatIssues, hasJsonSchema, operation, parameters, responseValidator } from './specs.ts';
import { GENERATED_TENANT, useContractSimulator } from './tenants.ts';

// The simulator against Atlassian's official OpenAPI documents: for every catalogue endpoint
// with a spec, a realistic successful request (requests.ts) must answer the documented status
// with a body the spec's schema accepts and that carries no field the schema does not declare
// (the simulator must not invent fields; specs.ts quirk 12 lists what production adds), and the
// documented error bodies (401 for a bad credential, 404 for an id that does not exist, 400 for a
// forged cursor, 403 for a non-admin where the spec requires Administer Jira and for a scoped org
// key, and requests.ts `errorRequests`) must match too.

type SpecEndpoint = Endpoint & { spec: NonNullable<Endpoint['spec']> };
const withSpec = endpoints.filter((e): e is SpecEndpoint => !!e.spec);

interface Probe {
  status: string;
  why: string;
  request: ContractRequest;
}

/** The error responses the spec documents with a body schema, and a request that provokes each. */
function errorProbes(e: SpecEndpoint, f: Fixture): Probe[] {
  const op = operation(e.spec.file, e.spec.path, e.spec.method);
  if (!op) return [];
  const documented = (status: string) => !!op.responses[status] && hasJsonSchema(e.spec.file, op, status);
  const base = requestsFor(e.id, f)[0] ?? {};
  const probes: Probe[] = [];
  if (documented('401') && e.auth.some((a) => a !== 'anonymous')) {
    probes.push({ status: '401', why: 'for a wrong credential', request: { ...base, as: 'wrong' } });
  }
  const pathParams = [...e.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const leaf = pathParams.at(-1);
  if (documented('404') && leaf) {
    probes.push({
      status: '404',
      why: `for an unknown ${leaf}`,
      request: { ...base, params: { ...base.params, [leaf]: missingParam(leaf) } },
    });
  }
  if (documented('400') && parameters(e.spec.file, op).some((p) => p.name === 'cursor')) {
    probes.push({
      status: '400',
      why: 'for a cursor the API never issued',
      request: { ...base, query: { ...base.query, cursor: 'bm90LWEtcmVhbC1jdXJzb3I' } },
    });
  }
  // A scoped org key is refused where its scope does not reach: the user management API takes
  // no scoped key at all, the org's domains need `read:domains:admin` (docs/atlassian/API.md, 0.1).
  if (documented('403') && e.auth.includes('org-key')) {
    probes.push({
      status: '403',
      why: 'for a scoped org API key',
      request: { ...base, as: 'scoped-org-key' },
    });
  }
  const description = String((op as { description?: unknown }).description ?? '');
  if (documented('403') && /required:\*\* \*Administer Jira\*/.test(description)) {
    probes.push({
      status: '403',
      why: 'for a member who is not a Jira admin',
      request: { ...base, as: 'member' },
    });
  }
  for (const { status, why, ...request } of errorRequests[e.id]?.(f) ?? [])
    probes.push({ status, why, request });
  return probes;
}

/** Problems with one reply against the spec's schema for `status`; empty when it conforms. */
function check(e: SpecEndpoint, who: string, reply: Reply, status: string): string[] {
  if (String(reply.status) !== status) return [`${who}: expected ${status}, got ${describeReply(reply)}`];
  const validator = responseValidator(e.spec.file, e.spec.path, e.spec.method, status, {
    undeclaredFields: 'reject',
  });
  if (!validator.hasSchema) {
    return status === '204' && reply.text !== ''
      ? [`${who}: 204 must have no body, got ${describeReply(reply)}`]
      : [];
  }
  const problems: string[] = [];
  const type = reply.headers.get('content-type') ?? '';
  if (!type.includes('application/json'))
    problems.push(`${who}: content-type ${type || '(none)'}, not application/json`);
  const issues = validator.validate(reply.body);
  if (issues.length > 0) problems.push(`${who}: ${formatIssues(e.id, validator, issues)}`);
  return problems;
}

function contractSuite(name: string, makeTenant: () => Promise<Tenant>): void {
  describe(`on the ${name}`, () => {
    const sim = useContractSimulator(makeTenant);

    for (const e of withSpec) {
      test(`${e.id} responses match the official spec`, async (t) => {
        const { h, f } = sim;
        const made = requestsFor(e.id, f);
        assert.ok(made.length > 0, `${e.id}: no request in test/contract/requests.ts`);
        const problems: string[] = [];
        const checked: string[] = [];
        // Error probes first: the successful request of a DELETE removes its object.
        for (const probe of errorProbes(e, f)) {
          const reply = await send(h.sim, f, e, probe.request);
          const who = `${probe.status} ${probe.why}`;
          checked.push(who);
          problems.push(...check(e, who, reply, probe.status));
        }
        // Palisade may also connect through OAuth 2.0 (3LO): the same request through the gateway.
        const first = made[0];
        if (e.auth.includes('oauth') && first && (first.as ?? defaultCaller(e)) === 'admin') {
          made.push({ ...first, label: 'as admin through 3LO (/ex/...)', as: 'oauth' });
        }
        for (const request of made) {
          const reply = await send(h.sim, f, e, request);
          const who = request.label ?? `as ${request.as ?? defaultCaller(e)}`;
          checked.push(`${e.spec.status} ${who}`);
          problems.push(...check(e, who, reply, e.spec.status));
        }
        t.diagnostic(`${e.id} checked: ${checked.join('; ')}`);
        if (problems.length > 0) assert.fail(problems.join('\n\n'));
      });
    }
  });
}

test('every catalogue endpoint with a spec has a request in test/contract/requests.ts', () => {
  assert.deepEqual(
    withSpec.filter((e) => !requests[e.id]).map((e) => e.id),
    [],
  );
});

test('requests.ts names only catalogue endpoints', () => {
  const ids = new Set(endpoints.map((e) => e.id));
  assert.deepEqual(
    Object.keys(requests).filter((id) => !ids.has(id)),
    [],
  );
});

contractSuite('tiny tenant', async () => tinyTenant());
contractSuite(GENERATED_TENANT.name, GENERATED_TENANT.build);

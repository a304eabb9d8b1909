import { SimError } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import { type InstallationNode, installationsIn, parseContext } from './graphql-installations.ts';
import {
  type Field,
  fieldsOf,
  type GraphQLDocument,
  GraphQLRequestError,
  parseDocument,
  resolveValue,
  type Selection,
} from './graphql-parse.ts';

// `POST /gateway/api/graphql`, answering the one operation Palisade sends:
// `ecosystem { appInstallationsByContext(filter: {appInstallations: {contexts: [...]}}, first, after) }`
// (docs/atlassian/API.md §c.2; Salto's Jira adapter sends the same query). Anything else is a
// validation error, answered as GraphQL servers do: HTTP 200 with `errors`.
//
// The gateway is one service for every site, so a context may name any site of the tenant, not
// just the host the request came to; the caller must administer that product on that site, or
// the field resolves to null with a 403 error (as for an unknown site or product: 404).

const betaHeader = 'AppEnvironmentVersionTrustSignal';

interface FieldError {
  message: string;
  path: string[];
  extensions: { statusCode: number; classification: 'DataFetchingException' };
}

function validation(message: string): GraphQLRequestError {
  return new GraphQLRequestError(`Validation error: ${message}`, 'ValidationError');
}

function selects(selections: Selection[], name: string, doc: GraphQLDocument): boolean {
  return fieldsOf(selections, doc.fragments).some((f) => f.name === name || selects(f.selections, name, doc));
}

function experimental(call: Call): string[] {
  const header = call.headers['x-experimentalapi'];
  return (Array.isArray(header) ? header : [header ?? '']).flatMap((h) => h.split(',').map((v) => v.trim()));
}

/** Copies out of the full node exactly the fields the client selected, under their aliases. */
function project(value: unknown, selections: Selection[], doc: GraphQLDocument): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => project(v, selections, doc));
  if (selections.length === 0 || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(selections, doc.fragments)) {
    const child = (value as Record<string, unknown>)[f.name];
    out[f.alias ?? f.name] = f.selections.length > 0 ? project(child, f.selections, doc) : (child ?? null);
  }
  return out;
}

function pageSize(first: unknown, call: Call): number {
  const size = call.endpoint.pageSize ?? { default: 50, max: 100 };
  if (first === undefined || first === null) return size.default;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0) {
    throw validation(`argument 'first' must be a non-negative Int, got ${JSON.stringify(first)}`);
  }
  return Math.min(first, size.max);
}

function contextsOf(filter: unknown): string[] {
  const contexts = (filter as { appInstallations?: { contexts?: unknown } } | undefined)?.appInstallations
    ?.contexts;
  const list = typeof contexts === 'string' ? [contexts] : contexts;
  if (!Array.isArray(list) || list.length === 0 || !list.every((c) => typeof c === 'string')) {
    throw validation("argument 'filter.appInstallations.contexts' is required: a list of site ARIs");
  }
  return list as string[];
}

/** The caller may list a context's apps when it administers that product on that site. */
function checkContext(
  call: Call,
  ari: string,
): { nodes: InstallationNode[] } | { status: number; message: string } {
  const context = parseContext(ari);
  if (!context)
    return {
      status: 400,
      message: `Invalid context '${ari}': expected ari:cloud:{jira|confluence}::site/{cloudId}`,
    };
  const state = call.ctx.state;
  const site = state.sitesById.get(context.siteId);
  if (!site?.[context.product]) return { status: 404, message: `Context ${ari} not found` };
  const p = call.principal;
  const role =
    p.kind === 'basic' || p.kind === 'oauth' ? state.roleOn(p.user, site.id, context.product) : 'none';
  if (role !== 'admin' && role !== 'site-admin') {
    return { status: 403, message: `The current user is not permitted to view the apps installed in ${ari}` };
  }
  return { nodes: installationsIn(state, context) };
}

function appInstallations(
  call: Call,
  field: Field,
  variables: Record<string, unknown>,
  path: string[],
  doc: GraphQLDocument,
): { value: unknown; errors: FieldError[] } {
  const contexts = contextsOf(resolveValue(field.args.filter, variables));
  const first = pageSize(resolveValue(field.args.first, variables), call);
  const after = resolveValue(field.args.after, variables);
  if (after !== undefined && after !== null && typeof after !== 'string') {
    throw validation("argument 'after' must be a String");
  }
  const fail = (status: number, message: string) => ({
    value: null,
    errors: [
      { message, path, extensions: { statusCode: status, classification: 'DataFetchingException' as const } },
    ],
  });
  const nodes: InstallationNode[] = [];
  for (const ari of contexts) {
    const checked = checkContext(call, ari);
    if ('status' in checked) return fail(checked.status, checked.message);
    nodes.push(...checked.nodes);
  }
  let offset: number;
  try {
    offset = decodeCursor(call, after ?? undefined);
  } catch (error) {
    if (error instanceof SimError) return fail(400, `Invalid cursor '${after}'`);
    throw error;
  }
  const page = nodes.slice(offset, offset + first);
  const cursorAt = (i: number) => encodeCursor(call.endpoint.id, offset + i + 1);
  const connection = {
    __typename: 'AppInstallationConnection',
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: offset + page.length < nodes.length,
      hasPreviousPage: offset > 0,
      startCursor: page.length > 0 ? cursorAt(0) : null,
      endCursor: page.length > 0 ? cursorAt(page.length - 1) : null,
    },
    nodes: page,
    edges: page.map((node, i) => ({ __typename: 'AppInstallationEdge', cursor: cursorAt(i), node })),
  };
  return { value: project(connection, field.selections, doc), errors: [] };
}

function execute(call: Call, query: string, variables: Record<string, unknown>, operationName: unknown) {
  const doc = parseDocument(query);
  const operation =
    typeof operationName === 'string' && operationName !== ''
      ? doc.operations.find((o) => o.name === operationName)
      : doc.operations.length === 1
        ? doc.operations[0]
        : undefined;
  if (!operation) {
    throw validation(
      typeof operationName === 'string' && operationName !== ''
        ? `unknown operation named '${operationName}'`
        : 'must provide an operation name if the query contains multiple operations',
    );
  }
  if (operation.type !== 'query')
    throw validation(`this gateway simulation answers queries only, not ${operation.type}s`);
  if (
    selects(operation.selections, 'appEnvironmentVersion', doc) &&
    !experimental(call).includes(betaHeader)
  ) {
    // A beta field: the gateway rejects the whole request without the opt-in header.
    throw validation(
      `the field 'AppInstallation.appEnvironmentVersion' is in beta; send the header 'X-ExperimentalApi: ${betaHeader}' to use it`,
    );
  }
  const vars: Record<string, unknown> = {};
  for (const [name, fallback] of Object.entries(operation.defaults)) vars[name] = resolveValue(fallback, {});
  Object.assign(vars, variables);

  const data: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const root of fieldsOf(operation.selections, doc.fragments)) {
    const rootKey = root.alias ?? root.name;
    if (root.name === '__typename') {
      data[rootKey] = 'Query';
      continue;
    }
    if (root.name !== 'ecosystem' || root.selections.length === 0) {
      throw validation(`field '${root.name}' in type 'Query' is not supported by the simulator`);
    }
    const ecosystem: Record<string, unknown> = {};
    for (const field of fieldsOf(root.selections, doc.fragments)) {
      const key = field.alias ?? field.name;
      if (field.name === '__typename') {
        ecosystem[key] = 'EcosystemQuery';
      } else if (field.name === 'appInstallationsByContext') {
        const result = appInstallations(call, field, vars, [rootKey, key], doc);
        ecosystem[key] = result.value;
        errors.push(...result.errors);
      } else {
        throw validation(`field '${field.name}' in type 'EcosystemQuery' is not supported by the simulator`);
      }
    }
    data[rootKey] = ecosystem;
  }
  return errors.length > 0 ? { errors, data } : { data };
}

function graphql(call: Call) {
  const body = call.body as
    | { query?: unknown; variables?: unknown; operationName?: unknown }
    | null
    | undefined;
  if (typeof body !== 'object' || body === null || typeof body.query !== 'string') {
    throw new SimError(400, 'The request body must be a JSON object with a "query" string');
  }
  const variables = body.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new SimError(400, '"variables" must be a JSON object');
  }
  try {
    return execute(call, body.query, variables as Record<string, unknown>, body.operationName);
  } catch (error) {
    if (!(error instanceof GraphQLRequestError)) throw error;
    return {
      errors: [
        {
          message: error.message,
          ...(error.location ? { locations: [error.location] } : {}),
          extensions: { classification: error.classification },
        },
      ],
    };
  }
}

export function graphqlRoutes(r: Registrar): void {
  r.serve('graphql.appInstallations.list', graphql);
}

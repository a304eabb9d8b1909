import {
  CredentialRejectedError,
  type ErrorSite,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  RequestRejectedError,
  ResponseParseError,
  ServerError,
} from '../errors.ts';
import { asArray, asRecord, type PaginationStyle, str } from './style.ts';

// GraphQL Relay connections: the caller's query declares `$first: Int` and `$after: String` and
// passes them to the connection field; the walker sets them and follows `pageInfo.endCursor`.
// The connection is found wherever it sits in `data` (the first object with a `pageInfo`), so
// one walker serves any query. The gateway answers field failures with HTTP 200 and `errors`
// carrying the real status in `extensions.statusCode`, turned here into the usual typed errors.

function findConnection(value: unknown, depth = 0): Record<string, unknown> | undefined {
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (record.pageInfo && typeof record.pageInfo === 'object') return record;
  for (const child of Object.values(record)) {
    const found = findConnection(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function graphqlError(errors: unknown[], site: ErrorSite): Error {
  const first = asRecord(errors[0]);
  const message = typeof first.message === 'string' ? first.message.slice(0, 300) : 'GraphQL error';
  const status = Number(asRecord(first.extensions).statusCode);
  const at = { ...site, status: Number.isInteger(status) ? status : site.status };
  if (status === 401) return new CredentialRejectedError(at, message);
  if (status === 403) return new ForbiddenError(at, `the account lacks the permission: ${message}`);
  if (status === 404) return new NotFoundError(at, message);
  if (status === 429) return new RateLimitedError(at, message);
  if (status >= 500) return new ServerError(at, message);
  return new RequestRejectedError(at, message);
}

export const graphqlRelay: PaginationStyle = {
  request(state, pageSize, body) {
    const b = asRecord(body);
    return {
      body: {
        ...b,
        variables: { ...asRecord(b.variables), first: pageSize, after: str(state, 'after') ?? null },
      },
    };
  },
  parse(body, _state, ctx) {
    const b = asRecord(body);
    const errors = asArray(b.errors);
    if (errors.length > 0) throw graphqlError(errors, ctx.site);
    const connection = findConnection(b.data);
    if (!connection)
      throw new ResponseParseError(ctx.site, 'no Relay connection (pageInfo) in the GraphQL data');
    const nodes = Array.isArray(connection.nodes)
      ? connection.nodes
      : asArray(connection.edges).map((e) => asRecord(e).node);
    const pageInfo = asRecord(connection.pageInfo);
    const after =
      pageInfo.hasNextPage === true && typeof pageInfo.endCursor === 'string' ? pageInfo.endCursor : '';
    return { items: nodes, next: after && nodes.length > 0 ? { after } : null };
  },
};

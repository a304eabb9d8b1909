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
// carrying the real status in `extensions.statusCode`. Beside a connection, errors are part of a
// partial answer (https://spec.graphql.org/October2021/#sec-Handling-Field-Errors: a field that
// failed is null, the rest is data): the page is kept and its errors noted. Without one — `data`
// null, or the connection itself null — they are the answer, turned into the usual typed errors.

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

/**
 * A field error in words: its message and where, list positions generalised (`nodes[].app`) so
 * that the same failure on many nodes reads as one; never the data.
 */
function fieldErrorText(error: unknown): string {
  const e = asRecord(error);
  const message = typeof e.message === 'string' ? e.message.slice(0, 300) : 'GraphQL error';
  const path = asArray(e.path).filter((p) => typeof p === 'string' || typeof p === 'number');
  const where = path.map((p, i) => (typeof p === 'number' ? '[]' : i === 0 ? p : `.${p}`)).join('');
  return where ? `${message} (at ${where})` : message;
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
    const connection = findConnection(b.data);
    if (!connection) {
      if (errors.length > 0) throw graphqlError(errors, ctx.site);
      throw new ResponseParseError(ctx.site, 'no Relay connection (pageInfo) in the GraphQL data');
    }
    // `nodes` is the list the response check reads (and leaves null nodes out of); from `edges`,
    // a node that could not be resolved is null and is skipped here.
    const nodes = Array.isArray(connection.nodes)
      ? connection.nodes
      : asArray(connection.edges)
          .map((e) => asRecord(e).node)
          .filter((n) => n !== null && n !== undefined);
    const pageInfo = asRecord(connection.pageInfo);
    const after =
      pageInfo.hasNextPage === true && typeof pageInfo.endCursor === 'string' ? pageInfo.endCursor : '';
    return {
      items: nodes,
      next: after && nodes.length > 0 ? { after } : null,
      ...(errors.length > 0 ? { errors: errors.map(fieldErrorText) } : {}),
    };
  },
};

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { describeError, type ErrorCode, httpStatusOf, isErrorCode, kindOf } from '../errors.ts';
import { databaseDown } from '../jobs/database-down.ts';

// Every error answers `{error:{code,message,requestId}}` with a code of the one catalogue
// (src/errors.ts) and the status of its kind; the message is one line naming the problem and the
// fix, never a stack trace or a credential. Bad input of any kind is a 4xx naming the field; a
// database that does not answer is a 503; anything else is a 500 that names only the request id
// (the log line has the detail).

export interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

// A database that does not answer (a restart, a network cut): the catalogue of jobs/database-down.ts.
const SQLITE_DOWN = 'ERR_SQLITE_ERROR';

// PostgreSQL refuses text with a NUL character (SQLite stores it): that is bad input, not a broken
// server. Found by the fuzz test (test/server/fuzz-routes.test.ts).
const UNSTORABLE_TEXT = new Set([
  '22021', // character_not_in_repertoire (a NUL in text)
  '22P05', // untranslatable_character
]);

export function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message } = classify(error);
    if (status >= 500) request.log.error({ err: error, code }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    return send(reply, request, status, code, message);
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, 'route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
  );
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string) {
  const body: ErrorBody = { error: { code, message, requestId: String(request.id) } };
  // Sent as is: a route's own schema for this status (health's 503) does not describe the envelope,
  // and a failed serialization would turn a clear 503 into a bare 500.
  return reply.code(status).type('application/json').serializer(JSON.stringify).send(body);
}

function classify(error: FastifyError): { status: number; code: ErrorCode; message: string } {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const problems = error.validation.slice(0, 5).map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return `${path ? `${where}.${path}` : where}: ${v.message ?? 'is not valid'}`;
    });
    return {
      status: 400,
      code: 'invalid_body',
      message: `the request is not valid — ${problems.join('; ')}`,
    };
  }
  // The library's check is `'method' in error`, which Atlassian's errors (they name the method they
  // called) pass too: only Fastify's own serialization error is one.
  if (isResponseSerializationError(error) && error.code === 'FST_ERR_RESPONSE_SERIALIZATION') {
    return {
      status: 500,
      code: 'internal_error',
      message: 'internal error — the server log has the details under this request id',
    };
  }
  const code = (error as { code?: unknown }).code;
  if (isErrorCode(code)) {
    return { status: httpStatusOf(error), code, message: describeError(error) };
  }
  if (typeof code === 'string' && UNSTORABLE_TEXT.has(code)) {
    return {
      status: 400,
      code: 'invalid_request',
      message:
        'the request is not valid — it holds text the database cannot store (a NUL character or an invalid encoding)',
    };
  }
  if (code === SQLITE_DOWN || databaseDown(error)) {
    return {
      status: 503,
      code: 'database_unavailable',
      message: 'the database is not answering — retry in a moment',
    };
  }
  // Fastify's own 4xx: a body that is not JSON, too large, an unsupported content type.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return {
      status: error.statusCode,
      code: 'invalid_request',
      message: `the request is not valid — ${error.message}`,
    };
  }
  if (kindOf(error) === 'storage') {
    return {
      status: 503,
      code: 'database_unavailable',
      message: 'the database is not answering — retry in a moment',
    };
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'internal error — the server log has the details under this request id',
  };
}

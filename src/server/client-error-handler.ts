import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from './error-handler.ts';

// Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over the 16 KB
// limit, a malformed request line, a request that arrives too slowly) answer in the one error
// shape too, not Fastify's own `{error, message, statusCode}`: a client reading `error.code`
// must find one. Found by the fuzz test (test/server/fuzz-routes.test.ts) with a long path
// parameter. The answer mirrors Node's and Fastify's default handler
// (https://nodejs.org/api/http.html#event-clienterror): write it if the socket still can, then
// close the socket, since the request's framing cannot be trusted.

interface ClientErrorAnswer {
  status: number;
  message: string;
}

function answerFor(code: string | undefined): ClientErrorAnswer {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, message: 'it did not arrive in time — send it again' };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      message: 'its URL and headers together are larger than the 16 KB the server accepts',
    };
  }
  return { status: 400, message: 'it is not well-formed HTTP' };
}

/** Fastify's `clientErrorHandler` (Fastify calls it bound to the instance, for its log). */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = answerFor(error.code);
  const requestId = randomUUID();
  this.log.info({ code: 'invalid_request', status, requestId, parserError: error.code }, 'request refused');
  const body: ErrorBody = {
    error: { code: 'invalid_request', message: `the request is not valid — ${message}`, requestId },
  };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

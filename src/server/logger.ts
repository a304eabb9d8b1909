import type { FastifyServerOptions } from 'fastify';
import type { ServerDeps } from './server-deps.ts';

// The server's log: JSON lines (pino), one per request and per notable event. Nothing secret is
// ever written: the headers that carry credentials are redacted, request bodies are never logged,
// and the values of query parameters that carry one-time secrets (setup and invite tokens, OAuth's
// code and state) are masked in the logged URL.

const REDACTED = '[redacted]';

const SECRET_QUERY = /token|code|state|secret|key|password/i;

export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_QUERY.test(key)) params.set(key, REDACTED);
  return `${url.slice(0, q)}?${params.toString()}`;
}

interface LoggedRequest {
  id: unknown;
  method: string;
  url: string;
  ip?: string;
  headers: Record<string, unknown>;
}

export function loggerOptions(
  deps: Pick<ServerDeps, 'logStream' | 'logLevel'>,
): FastifyServerOptions['logger'] {
  return {
    level: deps.logLevel ?? 'info',
    ...(deps.logStream ? { stream: deps.logStream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: REDACTED,
    },
    serializers: {
      req(request: LoggedRequest) {
        const agent = request.headers['user-agent'];
        return {
          id: request.id,
          method: request.method,
          url: scrubUrl(request.url),
          remoteAddress: request.ip,
          ...(typeof agent === 'string' ? { userAgent: agent.slice(0, 200) } : {}),
        };
      },
    },
  };
}

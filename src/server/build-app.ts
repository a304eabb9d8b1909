import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkAccess } from './access-hook.ts';
import { recordChanges } from './audit-hook.ts';
import { changeSignalOf } from './change-signal.ts';
import { answerClientError } from './client-error-handler.ts';
import { handleErrors } from './error-handler.ts';
import { loggerOptions } from './logger.ts';
import { SERVER_MODULES } from './modules/index.ts';
import { registerOpenApi } from './openapi.ts';
import { evaluationsVersion, registerReadCache } from './read-cache.ts';
import { trackRoutes } from './route-table.ts';
import type { ServerDeps } from './server-deps.ts';
import type { ServerModule } from './server-module.ts';

// The Palisade server as a Fastify instance, not yet listening: `palisade serve` listens, tests
// `inject()`. Order matters: the route table and the hooks are in place before any module adds a
// route, so every route is checked (route-table.ts) and guarded (access-hook.ts, audit-hook.ts).

export interface BuildAppOptions {
  /** Behind a reverse proxy: trust its X-Forwarded-* headers (the client's address, https). */
  trustProxy?: boolean | string | undefined;
  modules?: readonly ServerModule[];
}

export async function buildApp(deps: ServerDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps),
    genReqId: () => randomUUID(),
    // A client-chosen request id would let one request pose as another in the log.
    requestIdHeader: false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    clientErrorHandler: answerClientError,
    // The router's own refusals (a path parameter over 100 characters, a malformed URL) answer in
    // the one error shape too; found by the fuzz test (test/server/fuzz-routes.test.ts).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is longer than 100 characters'
          : `the request URL is not valid (${error.code ?? 'bad URL'})`;
      return reply
        .code(status)
        .type('application/json')
        .send({
          error: {
            code: 'invalid_request',
            message: `the request is not valid — ${message}`,
            requestId: String(request.id),
          },
        });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  trackRoutes(app);
  handleErrors(app);
  checkAccess(app, deps);
  recordChanges(app, deps);
  registerReadCache(app, {
    signal: changeSignalOf(deps),
    clock: () => deps.now().getTime(),
    version: () => evaluationsVersion(deps.db),
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', String(request.id));
    return payload;
  });
  await app.register(cookie);
  await registerOpenApi(app);
  for (const module of options.modules ?? SERVER_MODULES) {
    await app.register(async (scope) => {
      await module.register(scope.withTypeProvider<ZodTypeProvider>(), deps);
    });
  }
  return app;
}

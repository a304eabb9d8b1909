import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { toolInfo } from '../report/tool-info.ts';

// OpenAPI 3.1, generated from the routes' zod schemas (one source of truth), served at
// /api/openapi.json and browsable at /api/docs. The docs' assets ship inside @fastify/swagger-ui,
// so they work without internet.

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Palisade API',
        description:
          'Security posture and third-party app governance for Atlassian Cloud. Sign in (session cookie + X-CSRF-Token) or send a personal API token as `Authorization: Bearer pls_…`.',
        version: toolInfo().version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'palisade_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: ['/api/openapi.json'] }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

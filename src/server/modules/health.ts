import { sql } from 'kysely';
import { z } from 'zod';
import { toolInfo } from '../../report/tool-info.ts';
import type { ServerModule } from '../server-module.ts';

// Liveness and the database, for load balancers and `docs/deploy.md`'s health checks: 200 when the
// database answers within two seconds, 503 naming it when not (never a hang).

const DATABASE_TIMEOUT_MS = 2_000;

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
  version: z.string(),
  time: z.string(),
});

export const healthModule: ServerModule = {
  name: 'health',
  register(app, deps) {
    const { version } = toolInfo();
    app.get(
      '/api/v1/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['health'],
          summary: 'Liveness and database reachability',
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        const database = await databaseAnswers(deps.db).then((ok) =>
          ok ? ('ok' as const) : ('unavailable' as const),
        );
        const body = {
          status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
          database,
          version,
          time: deps.now().toISOString(),
        };
        return reply.code(database === 'ok' ? 200 : 503).send(body);
      },
    );
  },
};

async function databaseAnswers(db: Parameters<ServerModule['register']>[1]['db']): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

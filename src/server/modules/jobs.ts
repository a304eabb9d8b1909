import { z } from 'zod';
import { listJobFailures } from '../../jobs/job-failures.ts';
import type { ServerModule } from '../server-module.ts';

// The job queue's dead letters: jobs that failed every attempt (a scan that could never start
// because another process kept the connection's lease, the database failing while it ran), with
// their last error, for the operators and the UI's scan health. On PostgreSQL the pg-boss runner
// writes them; the in-process queue of SQLite does not retry jobs, so its list stays empty.

const Query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

const DeadLetter = z.object({
  id: z.string(),
  kind: z.string().describe('the job kind: `scan`'),
  connectionId: z.string().nullable(),
  scanId: z.string().nullable().describe('the scan the job ran (ended in error, naming why)'),
  failedAt: z.string(),
  lastError: z.string(),
  attempts: z.number().describe('attempts made, the first included'),
});

export const jobsModule: ServerModule = {
  name: 'jobs',
  register(app, deps) {
    app.get(
      '/api/v1/jobs/dead-letter',
      {
        config: { access: 'jobs:read' },
        schema: {
          tags: ['jobs'],
          summary: 'Jobs that failed every attempt, newest first, with their last error',
          querystring: Query,
          response: { 200: z.object({ items: z.array(DeadLetter) }) },
        },
      },
      async (request) => {
        const failures = await listJobFailures(deps.db, request.query.limit);
        return { items: failures };
      },
    );
  },
};

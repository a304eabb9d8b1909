import { z } from 'zod';
import { getScanEntry, listScanHistory } from '../../jobs/scan-history.ts';
import { ScanRequestError } from '../../jobs/scan-request-error.ts';
import { noteAudit } from '../audit-hook.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';

// A connection's scans: rescan now (202; 409 naming the scan already queued or running), cancel,
// and the health history (Palo Alto's "health status of application scans": start, end, duration,
// API calls, 429s waited, the outcome of each dataset). The scans run in the scan service
// (src/jobs); these routes only ask it and read the `scans` table.

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }),
});

const ScanProgress = z.object({ done: z.number(), total: z.number(), phase: z.string() });

const DatasetHealth = z.object({
  dataset: z.string(),
  scope: z.string(),
  status: z.string(),
  items: z.number().optional(),
  reason: z.string().optional(),
});

export const Scan = z.object({
  id: z.string(),
  trigger: z.enum(['first', 'scheduled', 'manual', 'reconnect']),
  requestedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(['queued', 'running', 'success', 'error', 'cancelled']),
  reason: z.string().nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  calls: z.number(),
  retries: z.number(),
  rateLimited: z.number().describe('429 answers met, each waited out before the call was retried'),
  snapshotVersion: z.number().nullable(),
  progress: ScanProgress.nullable(),
  datasets: z.array(DatasetHealth),
});

const ConnectionParams = z.object({ id: z.string().min(1).max(200) });
const ScanParams = z.object({ id: z.string().min(1).max(200), scanId: z.string().min(1).max(200) });
const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(400).optional(),
});

type ScanEntry = z.infer<typeof Scan>;

function shown(entry: Awaited<ReturnType<typeof getScanEntry>>): ScanEntry {
  return {
    id: entry.id,
    trigger: entry.trigger,
    requestedBy: entry.requestedBy,
    status: entry.status,
    reason: entry.reason,
    queuedAt: entry.queuedAt,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    durationSeconds: entry.durationSeconds,
    calls: entry.calls,
    retries: entry.retries,
    rateLimited: entry.rateLimited,
    snapshotVersion: entry.snapshotVersion,
    progress: entry.progress,
    datasets: entry.datasets,
  };
}

async function requireConnection(deps: ServerDeps, connectionId: string): Promise<void> {
  const profile = await deps.db
    .selectFrom('connection_profiles')
    .select('state')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (profile?.state !== 'active') {
    throw new ScanRequestError('connection_not_found', `no connection ${connectionId}`);
  }
}

export const scansModule: ServerModule = {
  name: 'scans',
  register(app, deps) {
    app.post(
      '/api/v1/connections/:id/scans',
      {
        config: { access: 'scans:run', audit: 'scan.request' },
        schema: {
          tags: ['scans'],
          summary: 'Rescan the connection now',
          description:
            'Queues a scan (202). While one is queued or running, answers 409 scan_in_progress naming it.',
          params: ConnectionParams,
          response: { 202: z.object({ scan: Scan }), 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const connectionId = request.params.id;
        const record = await deps.scans.request({
          connectionId,
          trigger: 'manual',
          by: request.principal?.user.id ?? null,
        });
        noteAudit(request, {
          subject: `connection:${connectionId}`,
          connectionId,
          details: { scanId: record.id },
        });
        const entry = await getScanEntry(deps.db, connectionId, record.id);
        // The scan as this request queued it: a runner may already have claimed it by now, which
        // the history and the events report; the answer to the request is what it accepted.
        const accepted = {
          ...entry,
          status: record.status,
          startedAt: record.startedAt,
          progress: record.progress,
        };
        return reply.code(202).send({ scan: shown(accepted) });
      },
    );

    app.delete(
      '/api/v1/connections/:id/scans/:scanId',
      {
        config: { access: 'scans:run', audit: 'scan.cancel' },
        schema: {
          tags: ['scans'],
          summary: 'Cancel a queued or running scan',
          description:
            'A running scan stops at its next page, checkpointed: the next scan resumes its sync. A finished scan answers 409.',
          params: ScanParams,
          response: { 200: z.object({ scan: Scan }), 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const { id: connectionId, scanId } = request.params;
        const record = await deps.scans.cancel({
          connectionId,
          scanId,
          by: request.principal?.user.id ?? null,
        });
        noteAudit(request, {
          subject: `connection:${connectionId}`,
          connectionId,
          details: { scanId, status: record.status },
        });
        return { scan: shown(await getScanEntry(deps.db, connectionId, scanId)) };
      },
    );

    app.get(
      '/api/v1/connections/:id/scans',
      {
        config: { access: 'connections:read' },
        schema: {
          tags: ['scans'],
          summary: "The connection's scan health history, newest first",
          params: ConnectionParams,
          querystring: HistoryQuery,
          response: {
            200: z.object({ items: z.array(Scan), total: z.number(), nextCursor: z.string().nullable() }),
            404: ErrorBody,
          },
        },
      },
      async (request) => {
        const connectionId = request.params.id;
        await requireConnection(deps, connectionId);
        const page = await listScanHistory(deps.db, connectionId, {
          limit: request.query.limit,
          cursor: request.query.cursor,
        });
        return { items: page.items.map(shown), total: page.total, nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/api/v1/connections/:id/scans/:scanId',
      {
        config: { access: 'connections:read' },
        schema: {
          tags: ['scans'],
          summary: 'One scan: its status, progress, API calls and per-dataset outcomes',
          params: ScanParams,
          response: { 200: z.object({ scan: Scan }), 404: ErrorBody },
        },
      },
      async (request) => {
        const { id: connectionId, scanId } = request.params;
        await requireConnection(deps, connectionId);
        return { scan: shown(await getScanEntry(deps.db, connectionId, scanId)) };
      },
    );
  },
};

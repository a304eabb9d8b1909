import { z } from 'zod';
import { type AuditEntry, InvalidAuditCursor, pageAudit } from '../../audit/audit-log.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';

// The audit log: who changed what, when and from where; filtered, paged by cursor, and exported as
// CSV for a spreadsheet. Cells a spreadsheet would run as a formula are defused (CSV injection).

const Filters = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  subject: z.string().max(500).optional(),
  connectionId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const Item = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable() }),
  action: z.string(),
  subject: z.string(),
  connectionId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  source: z
    .object({ address: z.string().optional(), userAgent: z.string().optional(), via: z.string().optional() })
    .nullable(),
});

type Item = z.infer<typeof Item>;

async function page(deps: ServerDeps, filters: z.infer<typeof Filters>) {
  const normalized = {
    ...filters,
    from: filters.from ? new Date(filters.from).toISOString() : undefined,
    to: filters.to ? new Date(filters.to).toISOString() : undefined,
  };
  try {
    const result = await pageAudit(deps.db, normalized);
    return { ...result, items: await withNames(deps, result.items) };
  } catch (error) {
    if (error instanceof InvalidAuditCursor) throw new RequestError('invalid_input', error.message);
    throw error;
  }
}

async function withNames(deps: ServerDeps, entries: AuditEntry[]): Promise<Item[]> {
  const ids = [...new Set(entries.map((e) => e.actor))];
  const users =
    ids.length === 0
      ? []
      : await deps.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  const names = new Map(users.map((u) => [u.id, u.name]));
  return entries.map((e) => ({
    id: e.id,
    at: e.at,
    actor: { id: e.actor, name: names.get(e.actor) ?? null },
    action: e.action,
    subject: e.subject,
    connectionId: e.connectionId,
    details: e.details,
    source: e.source
      ? {
          ...(e.source.address !== undefined ? { address: e.source.address } : {}),
          ...(e.source.userAgent !== undefined ? { userAgent: e.source.userAgent } : {}),
          ...(e.source.via !== undefined ? { via: e.source.via } : {}),
        }
      : null,
  }));
}

/** One CSV cell: quoted, and a leading = + - @ (or tab/CR) defused with a quote so no formula runs. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

const CSV_HEADER = [
  'at',
  'actor',
  'actorName',
  'action',
  'subject',
  'connectionId',
  'address',
  'via',
  'details',
];

function csvRow(item: Item): string {
  return [
    item.at,
    item.actor.id,
    item.actor.name ?? '',
    item.action,
    item.subject,
    item.connectionId ?? '',
    item.source?.address ?? '',
    item.source?.via ?? '',
    JSON.stringify(item.details),
  ]
    .map(csvCell)
    .join(',');
}

export const auditLogModule: ServerModule = {
  name: 'audit-log',
  register(app, deps) {
    app.get(
      '/api/v1/audit-log',
      {
        config: { access: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first: who changed what, when and from where',
          querystring: Filters,
          response: {
            200: z.object({ items: z.array(Item), total: z.number(), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => page(deps, request.query),
    );
    app.get(
      '/api/v1/audit-log.csv',
      {
        config: { access: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log as CSV (same filters; every matching entry, newest first)',
          querystring: Filters.omit({ cursor: true, limit: true }),
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const lines = [CSV_HEADER.join(',')];
        let cursor: string | undefined;
        // Every matching entry, a page at a time, up to a bound that keeps one export in memory.
        for (let pages = 0; pages < 100; pages++) {
          const result = await page(deps, { ...request.query, cursor, limit: 1000 });
          lines.push(...result.items.map(csvRow));
          if (!result.nextCursor) break;
          cursor = result.nextCursor;
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="palisade-audit-log.csv"')
          .send(`${lines.join('\r\n')}\r\n`);
      },
    );
  },
};

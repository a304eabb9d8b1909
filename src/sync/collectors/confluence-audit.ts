import { createHash } from 'node:crypto';
import { confluenceAudit } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { walkAudit } from './audit-window.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { bool, isoTime, obj, str } from './values.ts';

// The Confluence audit log, 1,000 records per page, incremental by time (see audit-window.ts).
// Records have no id, so the key is a hash of what identifies one: time, author, summary,
// description, affected object and remote address.

/** An audit record as read: its time is relied on, the rest read as found. */
interface AuditRecord {
  creationDate: number;
  author?: unknown;
  affectedObject?: unknown;
  summary?: unknown;
  description?: unknown;
  remoteAddress?: unknown;
  category?: unknown;
}

export function auditRecordId(r: AuditRecord): string {
  const author = obj(r.author);
  const object = obj(r.affectedObject);
  const identity = [
    String(r.creationDate),
    str(author.accountId) ?? '',
    str(r.summary) ?? '',
    str(r.description) ?? '',
    str(object.name) ?? '',
    str(object.objectType) ?? '',
    str(r.remoteAddress) ?? '',
    str(r.category) ?? '',
  ].join('\u0000');
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

export const collector = defineCollector({
  dataset: confluenceAudit,
  cost: ({ records, pages }) => pages('confluence.auditRecords.list', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, confluenceAudit.name);
    yield* walkAudit(
      ctx,
      confluenceAudit.name,
      'confluence.auditRecords.list',
      // Epoch milliseconds: the spec's "timestamp".
      (w) => ({
        site,
        query: { ...(w.from ? { startDate: Date.parse(w.from) } : {}), endDate: Date.parse(w.to) },
      }),
      (r) => {
        const created = isoTime(r.creationDate);
        const object = obj(r.affectedObject);
        const item = toItem(confluenceAudit, {
          id: auditRecordId(r),
          created,
          summary: str(r.summary) ?? '',
          description: str(r.description),
          category: str(r.category),
          authorAccountId: str(obj(r.author).accountId),
          affectedObjectName: str(object.name),
          affectedObjectType: str(object.objectType),
          sysAdmin: bool(r.sysAdmin),
        });
        return { item, time: created };
      },
    );
  },
});

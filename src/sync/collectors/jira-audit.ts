import { jiraAudit } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { walkAudit } from './audit-window.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, isoTime, obj, str } from './values.ts';

// The Jira audit log, 1,000 records per page, incremental by time (see audit-window.ts).

export function jiraAuditCollector(): Collector {
  return {
    dataset: jiraAudit.name,
    scope: 'site',
    product: 'jira',
    kind: 'append',
    credential: 'site',
    endpoints: ['jira.auditRecords.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraAudit.name);
      yield* walkAudit(
        ctx,
        jiraAudit.name,
        'jira.auditRecords.list',
        (w) => ({ site, query: { ...(w.from ? { from: w.from } : {}), to: w.to } }),
        (raw) => {
          const r = obj(raw);
          const object = obj(r.objectItem);
          const created = isoTime(r.created);
          const item = toItem(jiraAudit, {
            id: str(r.id),
            created,
            summary: str(r.summary) ?? '',
            category: str(r.category),
            // `authorKey` is deprecated; real records carry `authorAccountId` (spec: "use authorAccountId").
            authorAccountId: str(r.authorAccountId),
            objectId: str(object.id),
            objectName: str(object.name),
            objectType: str(object.typeName),
            changedValues: arr(r.changedValues).map((c) => ({
              field: str(obj(c).fieldName) ?? '',
              from: str(obj(c).changedFrom),
              to: str(obj(c).changedTo),
            })),
          });
          return { item, time: created };
        },
      );
    },
  };
}

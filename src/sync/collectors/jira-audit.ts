import { jiraAudit } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { walkAudit } from './audit-window.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, isoTime, obj, str } from './values.ts';

// The Jira audit log, 1,000 records per page, incremental by time (see audit-window.ts).

export const collector = defineCollector({
  dataset: jiraAudit,
  cost: ({ records, pages }) => pages('jira.auditRecords.list', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, jiraAudit.name);
    yield* walkAudit(
      ctx,
      jiraAudit.name,
      'jira.auditRecords.list',
      (w) => ({ site, query: { ...(w.from ? { from: w.from } : {}), to: w.to } }),
      (r) => {
        const object = obj(r.objectItem);
        const created = isoTime(r.created);
        const item = toItem(jiraAudit, {
          id: String(r.id),
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
});

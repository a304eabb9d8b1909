import { orgEvents } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { walkAudit } from './audit-window.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, isoTime, obj, safeAttributes, str } from './values.ts';

// The org audit log, 100 events per page, incremental by time (see audit-window.ts).

function eventObject(raw: unknown) {
  const o = obj(raw);
  return { id: str(o.id) ?? '', type: str(o.type) ?? '', attributes: safeAttributes(o.attributes) };
}

export const collector = defineCollector({
  dataset: orgEvents,
  // The events of the window read: all of them on a first sync.
  cost: ({ records, pages }) => pages('admin.events.list', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgEvents.name);
    yield* walkAudit(
      ctx,
      orgEvents.name,
      'admin.events.list',
      // Epoch milliseconds, the form the spec documents.
      (w) => ({
        params: { orgId },
        query: { ...(w.from ? { from: Date.parse(w.from) } : {}), to: Date.parse(w.to) },
      }),
      (e) => {
        const a = e.attributes;
        const actor = obj(a.actor);
        const time = isoTime(a.time);
        const item = toItem(orgEvents, {
          id: e.id,
          time,
          action: a.action,
          actorId: str(actor.id),
          actorName: str(actor.name),
          context: arr(a.context).map(eventObject),
          container: arr(a.container).map(eventObject),
          ip: str(obj(a.location).ip),
        });
        return { item, time };
      },
    );
  },
});

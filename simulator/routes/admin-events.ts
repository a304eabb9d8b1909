import type { SimContext } from '../core/context.ts';
import { SimError } from '../http/errors.ts';
import { queryList, queryString } from '../http/paginate.ts';
import type { Registrar } from '../http/serve.ts';
import type { OrgEvent } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { orgUrl } from './admin-orgs.ts';
import { v1Page } from './admin-pages.ts';
import { manageLink } from './admin-people.ts';

// The org audit log, Organizations REST API v1 (spec: EventPage, Event, EventModel).
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-events/

function renderEvent(ctx: SimContext, orgId: string, event: OrgEvent) {
  const object = (o: OrgEvent['context'][number]) => ({ id: o.id, type: o.type, attributes: o.attributes });
  return {
    id: event.id,
    type: 'events',
    attributes: {
      time: event.time,
      action: event.action,
      actor: { id: event.actor.id, name: event.actor.name, links: { self: manageLink(ctx, event.actor.id) } },
      context: event.context.map(object),
      container: event.container.map(object),
      ...(event.location ? { location: { ip: event.location.ip, geo: event.location.geo } } : {}),
    },
    links: { self: `${orgUrl(ctx, orgId)}/events/${event.id}` },
  };
}

/**
 * `from`/`to`: "the earliest/latest date and time of the event represented as a UNIX epoch time"
 * (milliseconds) — ISO-8601 is accepted too. Anything else is `ADMIN-400-3` (invalid time date).
 */
function timeParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const epoch = /^\d+$/.test(raw)
    ? Number(raw)
    : /^\d{4}-\d{2}-\d{2}/.test(raw)
      ? Date.parse(raw)
      : Number.NaN;
  if (!Number.isFinite(epoch)) {
    throw new SimError(400, `'${raw}' is not a valid time for '${name}'.`, { code: 'ADMIN-400-3' });
  }
  return epoch;
}

/** Every string and number inside a value, for the free-text `q` filter. */
function textOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' || typeof value === 'number') out.push(String(value).toLowerCase());
  else if (Array.isArray(value)) for (const v of value) textOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) textOf(v, out);
  return out;
}

function matchingEvents(events: readonly OrgEvent[], query: Record<string, string | string[] | undefined>) {
  const from = timeParam(queryString(query, 'from'), 'from');
  const to = timeParam(queryString(query, 'to'), 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new SimError(400, "'from' must not be later than 'to'.", { code: 'ADMIN-400-3' });
  }
  const actions = new Set(queryList(query, 'action'));
  const q = queryString(query, 'q')?.trim().toLowerCase();
  return events
    .map((e) => ({ e, time: Date.parse(e.time) }))
    .filter(({ e, time }) => {
      if (from !== undefined && time < from) return false;
      if (to !== undefined && time > to) return false;
      if (actions.size > 0 && !actions.has(e.action)) return false;
      if (q && !textOf([e.action, e.actor, e.context, e.container, e.location]).some((t) => t.includes(q))) {
        return false;
      }
      return true;
    })
    .sort((a, b) => b.time - a.time || a.e.id.localeCompare(b.e.id))
    .map(({ e }) => e);
}

export function eventRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.events.list', (call) => {
    const { org, events } = call.ctx.state.tenant;
    // Newest first, as the audit log is shown in Atlassian Administration.
    const page = v1Page(call, matchingEvents(events, call.query), (e) => renderEvent(call.ctx, org.id, e));
    return {
      data: page.data,
      meta: { ...(page.next ? { next: page.next } : {}), page_size: page.pageSize },
      links: page.links,
    };
  });

  serveAdmin(r, 'admin.events.get', (call) => {
    const { org, events } = call.ctx.state.tenant;
    const event = events.find((e) => e.id === call.params.eventId);
    if (!event)
      throw new SimError(404, `Event ${call.params.eventId} was not found.`, { code: 'ADMIN-404-4' });
    return { data: renderEvent(call.ctx, org.id, event) };
  });
}

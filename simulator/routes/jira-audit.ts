import { SimError } from '../http/errors.ts';
import { jiraAudit, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { JiraAuditRecord } from '../tenant/model.ts';
import { jiraTime } from './jira-render.ts';
import { requireJiraAdmin, viewerOf } from './jira-viewer.ts';

// `GET /rest/api/3/auditing/record`, newest first.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-audit-records/

/** Accepts ISO-8601 with `Z`, `+00:00` or Jira's own `+0000` offsets, and plain dates. */
function timeParam(call: Call, name: string): number | undefined {
  const raw = queryString(call.query, name);
  if (raw === undefined || raw === '') return undefined;
  const t = Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(t)) throw new SimError(400, `The value '${raw}' is invalid for the parameter '${name}'.`);
  return t;
}

/** The fields the `filter` words are matched against (case-insensitive substrings). */
function searchable(r: JiraAuditRecord): string[] {
  return [
    r.summary,
    r.category,
    r.eventSource,
    r.objectItem.name,
    r.objectItem.typeName,
    // "If the object is a user, account ID is available to filter."
    ...(r.objectItem.typeName === 'USER' ? [r.objectItem.id] : []),
    ...r.changedValues.flatMap((c) => [c.changedFrom, c.changedTo]),
    r.remoteAddress,
  ].map((s) => s.toLowerCase());
}

/**
 * Real records carry `authorAccountId` although the spec's AuditRecordBean omits it (the spec
 * itself says to use it instead of the deprecated `authorKey`, and its example shows it).
 */
function recordJson(r: JiraAuditRecord) {
  return {
    id: r.id,
    summary: r.summary,
    remoteAddress: r.remoteAddress,
    authorAccountId: r.authorAccountId,
    created: jiraTime(r.created),
    category: r.category,
    eventSource: r.eventSource,
    ...(r.description !== undefined ? { description: r.description } : {}),
    objectItem: { id: r.objectItem.id, name: r.objectItem.name, typeName: r.objectItem.typeName },
    changedValues: r.changedValues.map((c) => ({
      fieldName: c.fieldName,
      changedFrom: c.changedFrom,
      changedTo: c.changedTo,
    })),
    associatedItems: [],
  };
}

function auditRecords(call: Call) {
  const v = viewerOf(call);
  requireJiraAdmin(v);
  if (v.jira.plan === 'FREE') {
    throw new SimError(403, 'Audit logs are available when at least one Jira product is on a paid plan.');
  }
  const words = (queryString(call.query, 'filter') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const from = timeParam(call, 'from');
  const to = timeParam(call, 'to');
  const records = v.jira.audit
    .filter((r) => {
      const t = Date.parse(r.created);
      return (from === undefined || t >= from) && (to === undefined || t <= to);
    })
    .filter((r) => {
      const fields = searchable(r);
      return words.every((w) => fields.some((f) => f.includes(w)));
    })
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.id - a.id);
  return jiraAudit(call, records, recordJson);
}

export function jiraAuditRoutes(r: Registrar): void {
  r.serve('jira.auditRecords.list', auditRecords);
}

import { SimError } from '../http/errors.ts';
import { queryString, startLimit } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { ConfluenceAuditRecord } from '../tenant/model.ts';
import { confluenceOf, requireAdmin } from './confluence-access.ts';

// Confluence REST v1 audit log; 'Confluence Administrator' global permission.
// https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-audit/#api-wiki-rest-api-audit-get

/**
 * `startDate`/`endDate` are "timestamps" (the spec links unixtimestamp.com): epoch seconds or
 * milliseconds, told apart by magnitude; an ISO-8601 date is accepted too.
 */
function dateParam(call: Call, name: string): number | undefined {
  const raw = queryString(call.query, name);
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    return n < 100_000_000_000 ? n * 1000 : n;
  }
  const parsed = Date.parse(raw);
  if (Number.isNaN(parsed)) throw new SimError(400, `Invalid ${name} '${raw}': expected a timestamp`);
  return parsed;
}

function matches(record: ConfluenceAuditRecord, author: string, needle: string): boolean {
  const haystack = [
    record.summary,
    record.description,
    record.category,
    record.remoteAddress,
    record.affectedObject.name,
    author,
    ...record.changedValues.flatMap((c) => [c.name, c.oldValue, c.newValue]),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

function listAudit(call: Call) {
  const { confluence } = confluenceOf(call);
  requireAdmin(call);
  const state = call.ctx.state;
  const from = dateParam(call, 'startDate');
  const to = dateParam(call, 'endDate');
  const needle = queryString(call.query, 'searchString')?.toLowerCase() ?? '';
  const records = confluence.audit
    .filter((r) => {
      if (from !== undefined && r.creationDate < from) return false;
      if (to !== undefined && r.creationDate > to) return false;
      const author = state.usersById.get(r.authorAccountId)?.name ?? '';
      return needle === '' || matches(r, author, needle);
    })
    // Newest first, as the audit log screen lists them.
    .sort((a, b) => b.creationDate - a.creationDate);
  return startLimit(call, records, (r) => {
    const author = state.usersById.get(r.authorAccountId);
    return {
      author: {
        type: 'user',
        displayName: author?.name ?? 'Unknown user',
        operations: null,
        accountId: r.authorAccountId,
        accountType: author?.accountType === 'app' ? 'app' : 'atlassian',
        externalCollaborator: false,
        isExternalCollaborator: false,
        publicName: author?.nickname ?? 'Unknown user',
      },
      remoteAddress: r.remoteAddress,
      creationDate: r.creationDate,
      summary: r.summary,
      description: r.description,
      category: r.category,
      sysAdmin: r.sysAdmin,
      superAdmin: false,
      affectedObject: r.affectedObject,
      changedValues: r.changedValues,
      associatedObjects: [],
    };
  });
}

export function confluenceAuditRoutes(r: Registrar): void {
  r.serve('confluence.auditRecords.list', listAudit);
}

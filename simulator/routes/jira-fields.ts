import { SimError } from '../http/errors.ts';
import { pageBean, queryList, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { JiraField } from '../tenant/model.ts';
import { expandSet, requireJiraAccess, viewerOf } from './jira-viewer.ts';

// `GET /rest/api/3/field/search`: system and custom fields; app-provided custom fields show
// their app in `schema.custom`. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/

const TYPES = new Set(['custom', 'system']);
const ORDERS = new Set(['contextsCount', 'lastUsed', 'name', 'screensCount', 'projectsCount']);

function schemaOf(f: JiraField) {
  if (!f.custom) return { type: f.schemaType, system: f.id };
  const customId = Number(f.id.replace(/^customfield_/, ''));
  return {
    type: f.schemaType,
    ...(f.customType ? { custom: f.customType } : {}),
    ...(Number.isInteger(customId) ? { customId } : {}),
  };
}

function fieldJson(f: JiraField, expand: Set<string>) {
  const slug = f.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: f.id,
    name: f.name,
    schema: schemaOf(f),
    ...(expand.has('key') ? { key: f.id } : {}),
    ...(expand.has('stableId') ? { stableId: f.custom ? `sfid:${slug}` : f.id } : {}),
    ...(expand.has('isLocked') ? { isLocked: false } : {}),
    ...(expand.has('lastUsed') ? { lastUsed: { type: 'NOT_TRACKED' } } : {}),
  };
}

function searchFields(call: Call) {
  const v = viewerOf(call);
  requireJiraAccess(v);
  const types = queryList(call.query, 'type');
  for (const t of types) if (!TYPES.has(t)) throw new SimError(400, `Invalid field type '${t}'.`);
  const ids = new Set(queryList(call.query, 'id'));
  const text = (queryString(call.query, 'query') ?? '').toLowerCase();
  const orderBy = queryString(call.query, 'orderBy');
  if (orderBy && !ORDERS.has(orderBy.replace(/^[+-]/, '')))
    throw new SimError(400, `Invalid orderBy value '${orderBy}'.`);
  for (const p of queryList(call.query, 'projectIds')) {
    if (!/^\d+$/.test(p))
      throw new SimError(400, `The value '${p}' is invalid for the parameter 'projectIds'.`);
  }
  let fields = v.jira.fields
    .filter((f) => types.length === 0 || types.includes(f.custom ? 'custom' : 'system'))
    .filter((f) => ids.size === 0 || ids.has(f.id))
    .filter((f) => !text || f.name.toLowerCase().includes(text));
  // Usage counts are not modelled: every order but the name keeps the tenant’s order.
  if (orderBy?.replace(/^[+-]/, '') === 'name') {
    const desc = orderBy.startsWith('-');
    fields = [...fields].sort((a, b) => (desc ? -1 : 1) * a.name.localeCompare(b.name));
  }
  const expand = expandSet(call);
  return pageBean(call, fields, (f) => fieldJson(f, expand));
}

export function jiraFieldRoutes(r: Registrar): void {
  r.serve('jira.fields.search', searchFields);
}

import { SimError } from '../http/errors.ts';
import { cursorLinks, queryList, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Space, SpacePermission } from '../tenant/model.ts';
import { canView, confluenceOf, viewerOf } from './confluence-access.ts';

// Confluence REST v2 spaces and their permission assignments.
// https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get
// https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space-permissions/

const spaceTypes = ['global', 'collaboration', 'knowledge_base', 'personal'] as const;
const spaceStatuses = ['current', 'archived'] as const;
const sorts = ['id', '-id', 'key', '-key', 'name', '-name'] as const;

function oneOf<T extends string>(call: Call, name: string, allowed: readonly T[]): T | undefined {
  const value = queryString(call.query, name);
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SimError(400, `Invalid value '${value}' for query parameter '${name}'`);
  }
  return value as T;
}

/** `ids` are int64 and at most 250 of them (spec `maxItems`). */
function idsFilter(call: Call): Set<string> | undefined {
  const ids = queryList(call.query, 'ids');
  if (ids.length === 0) return undefined;
  if (ids.length > 250) throw new SimError(400, 'At most 250 ids may be requested');
  for (const id of ids) if (!/^\d+$/.test(id)) throw new SimError(400, `Invalid space id '${id}'`);
  return new Set(ids.map((id) => String(Number(id))));
}

function compare(sort: (typeof sorts)[number]): (a: Space, b: Space) => number {
  const desc = sort.startsWith('-');
  const field = sort.replace('-', '') as 'id' | 'key' | 'name';
  return (a, b) => {
    const order = field === 'id' ? Number(a.id) - Number(b.id) : a[field].localeCompare(b[field]);
    return desc ? -order : order;
  };
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function renderSpace(space: Space, format: 'plain' | 'view' | undefined, icon: boolean) {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    // Only the representation asked for with `description-format` is present.
    ...(format === 'plain'
      ? { description: { plain: { representation: 'plain', value: space.description } } }
      : {}),
    ...(format === 'view'
      ? {
          description: { view: { representation: 'view', value: `<p>${escapeHtml(space.description)}</p>` } },
        }
      : {}),
    ...(icon
      ? {
          icon: {
            path: `/wiki/download/attachments/${space.homepageId}/${space.key}?version=1&api=v2`,
            // Per the spec only global spaces carry a download link.
            ...(space.type === 'global'
              ? { apiDownloadLink: `/wiki/rest/api/space/${space.key}/icon/download?api=v2` }
              : {}),
          },
        }
      : {}),
    _links: { webui: `/spaces/${space.key}` },
  };
}

function listSpaces(call: Call) {
  const { confluence } = confluenceOf(call);
  const viewer = viewerOf(call);
  const ids = idsFilter(call);
  const keys = queryList(call.query, 'keys');
  if (keys.length > 250) throw new SimError(400, 'At most 250 keys may be requested');
  const type = oneOf(call, 'type', spaceTypes);
  const status = oneOf(call, 'status', spaceStatuses);
  const sort = oneOf(call, 'sort', sorts) ?? 'id';
  const format = oneOf(call, 'description-format', ['plain', 'view'] as const);
  const icon = queryString(call.query, 'include-icon') === 'true';
  // The model has no space labels, so any label filter matches nothing.
  const labels = queryList(call.query, 'labels');
  const spaces = confluence.spaces
    .filter(
      (s) =>
        labels.length === 0 &&
        (!ids || ids.has(s.id)) &&
        (keys.length === 0 || keys.includes(s.key)) &&
        (!type || s.type === type) &&
        (!status || s.status === status) &&
        canView(viewer, confluence, s),
    )
    .sort(compare(sort));
  return cursorLinks(call, spaces, (s) => renderSpace(s, format, icon));
}

/**
 * Anonymous and unlicensed grants have no user or group: the v2 schema's principal type `role`
 * carries them, with ids `anonymous` and `unlicensed` (docs/atlassian/API.md §b.2; Atlassian
 * documents no id values).
 */
function renderPermission(p: SpacePermission) {
  const principal =
    p.subject.type === 'user'
      ? { type: 'user', id: p.subject.accountId }
      : p.subject.type === 'group'
        ? { type: 'group', id: p.subject.groupId }
        : { type: 'role', id: p.subject.type };
  return { id: p.id, principal, operation: { key: p.operation.key, targetType: p.operation.targetType } };
}

function listPermissions(call: Call) {
  const { confluence } = confluenceOf(call);
  const viewer = viewerOf(call);
  const id = call.params.id ?? '';
  if (!/^\d+$/.test(id)) throw new SimError(400, `Invalid space id '${id}'`);
  const space = confluence.spaces.find((s) => s.id === String(Number(id)));
  // A space the caller may not view is indistinguishable from one that does not exist.
  if (!space || !canView(viewer, confluence, space)) throw new SimError(404, `Space ${id} not found`);
  return cursorLinks(call, space.permissions, renderPermission);
}

export function confluenceSpaceRoutes(r: Registrar): void {
  r.serve('confluence.spaces.list', listSpaces);
  r.serve('confluence.spacePermissions.list', listPermissions);
}

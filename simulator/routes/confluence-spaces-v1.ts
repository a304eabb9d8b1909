import { SimError } from '../http/errors.ts';
import { queryList, queryString, startLimit } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Space, SpacePermission } from '../tenant/model.ts';
import { canAdminister, canView, confluenceOf, type Viewer, viewerOf } from './confluence-access.ts';
import { renderV1Group, renderV1UnknownUser, renderV1User, wikiBase } from './confluence-v1-render.ts';

// Confluence REST v1 `GET /wiki/rest/api/space`. With `expand=permissions` it is the only API that
// shows anonymous and unlicensed (JSM customer) access as the `anonymousAccess` and
// `unlicensedAccess` flags of a space permission.
// https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-space/#api-wiki-rest-api-space-get

/** Expansions this simulator renders; the rest stay in `_expandable`, as unexpanded ones do. */
const expandable = [
  'settings',
  'metadata',
  'operations',
  'lookAndFeel',
  'permissions',
  'icon',
  'description',
  'theme',
  'history',
  'homepage',
  'identifiers',
] as const;

function expandableLinks(space: Space): Record<(typeof expandable)[number], string> {
  return {
    settings: `/rest/api/space/${space.key}/settings`,
    metadata: '',
    operations: '',
    lookAndFeel: `/rest/api/settings/lookandfeel?spaceKey=${space.key}`,
    permissions: '',
    icon: '',
    description: '',
    theme: `/rest/api/space/${space.key}/theme`,
    history: '',
    homepage: `/rest/api/content/${space.homepageId}`,
    identifiers: `/rest/api/identifiers/space/${space.key}`,
  };
}

function numericId(id: string, fallback: number): number {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : fallback;
}

function renderPermission(call: Call, p: SpacePermission, index: number) {
  const state = call.ctx.state;
  const base = {
    id: numericId(p.id, index + 1),
    operation: { operation: p.operation.key, targetType: p.operation.targetType },
  };
  switch (p.subject.type) {
    case 'user': {
      const user = state.usersById.get(p.subject.accountId);
      const rendered = user ? renderV1User(call, user) : renderV1UnknownUser(call, p.subject.accountId);
      return {
        ...base,
        subjects: { user: { results: [rendered], size: 1 } },
        anonymousAccess: false,
        unlicensedAccess: false,
      };
    }
    case 'group': {
      // Deleting a group leaves its space permissions behind (spec note on `expand=permissions`).
      const group = state.groupsById.get(p.subject.groupId) ?? {
        id: p.subject.groupId,
        name: p.subject.groupId,
      };
      return {
        ...base,
        subjects: { group: { results: [renderV1Group(call, group)], size: 1 } },
        anonymousAccess: false,
        unlicensedAccess: false,
      };
    }
    case 'anonymous':
      return { ...base, anonymousAccess: true, unlicensedAccess: false };
    case 'unlicensed':
      return { ...base, anonymousAccess: false, unlicensedAccess: true };
  }
}

function renderDescription(space: Space, expand: Set<string>) {
  const plain = expand.has('description.plain');
  const view = expand.has('description.view');
  const value = { value: space.description, embeddedContent: [] };
  return {
    ...(plain ? { plain: { ...value, representation: 'plain' } } : {}),
    ...(view ? { view: { ...value, value: `<p>${space.description}</p>`, representation: 'view' } } : {}),
    _expandable: { ...(view ? {} : { view: '' }), ...(plain ? {} : { plain: '' }) },
  };
}

function renderSpace(call: Call, viewer: Viewer, space: Space, expand: Set<string>) {
  const base = wikiBase(call);
  const expanded: Record<string, unknown> = {};
  if (expand.has('icon')) {
    expanded.icon = {
      path: `/wiki/download/attachments/${space.homepageId}/${space.key}?version=1`,
      width: 48,
      height: 48,
      isDefault: false,
    };
  }
  if (expand.has('description') || expand.has('description.plain') || expand.has('description.view')) {
    expanded.description = renderDescription(space, expand);
  }
  if (expand.has('homepage')) {
    expanded.homepage = {
      id: space.homepageId,
      type: 'page',
      status: 'current',
      title: `${space.name} Home`,
      _links: {
        webui: `/spaces/${space.key}/overview`,
        self: `${base}/rest/api/content/${space.homepageId}`,
      },
    };
  }
  if (expand.has('permissions')) {
    // Only those who may administer the space see who else holds what in it.
    expanded.permissions = canAdminister(viewer, space)
      ? space.permissions.map((p, i) => renderPermission(call, p, i))
      : [];
  }
  if (expand.has('history')) {
    const author = call.ctx.state.usersById.get(space.authorId);
    expanded.history = {
      createdDate: space.createdAt,
      ...(author ? { createdBy: renderV1User(call, author) } : {}),
    };
  }
  const links = expandableLinks(space);
  const rest = Object.fromEntries(
    expandable.filter((name) => !(name in expanded)).map((name) => [name, links[name]] as const),
  );
  return {
    id: numericId(space.id, 0),
    key: space.key,
    name: space.name,
    ...expanded,
    type: space.type,
    status: space.status,
    _expandable: rest,
    _links: { webui: `/spaces/${space.key}`, self: `${base}/rest/api/space/${space.key}` },
  };
}

function listSpaces(call: Call) {
  const { confluence } = confluenceOf(call);
  const viewer = viewerOf(call);
  const keys = queryList(call.query, 'spaceKey');
  const ids = queryList(call.query, 'spaceId');
  for (const id of ids) if (!/^\d+$/.test(id)) throw new SimError(400, `Invalid space id '${id}'`);
  const type = queryString(call.query, 'type');
  if (type && type !== 'global' && type !== 'personal')
    throw new SimError(400, `Invalid space type '${type}'`);
  const status = queryString(call.query, 'status');
  if (status && status !== 'current' && status !== 'archived') {
    throw new SimError(400, `Invalid space status '${status}'`);
  }
  // No labels or favourites in the model: those filters match nothing.
  const none = queryList(call.query, 'label').length > 0 || queryString(call.query, 'favourite') === 'true';
  const expand = new Set(queryList(call.query, 'expand'));
  const spaces = confluence.spaces
    .filter(
      (s) =>
        !none &&
        (keys.length === 0 || keys.includes(s.key)) &&
        (ids.length === 0 || ids.some((id) => Number(id) === Number(s.id))) &&
        (!type || s.type === type) &&
        (!status || s.status === status) &&
        canView(viewer, confluence, s),
    )
    // "ordered alphabetically in ascending order by space key" (spec).
    .sort((a, b) => a.key.localeCompare(b.key));
  return startLimit(call, spaces, (s) => renderSpace(call, viewer, s, expand));
}

export function confluenceSpaceV1Routes(r: Registrar): void {
  r.serve('confluence.spacesWithPermissions.list', listSpaces);
}

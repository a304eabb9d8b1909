import type { SimContext } from '../core/context.ts';
import { SimError } from '../http/errors.ts';
import { adminLimit } from '../http/paginate.ts';
import type { Registrar } from '../http/serve.ts';
import type { Site } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { orgUrl } from './admin-orgs.ts';
import { v2Page } from './admin-pages.ts';
import { productOf } from './admin-people.ts';

// POST /admin/v2/orgs/{orgId}/workspaces: the org's product instances ("workspaces"), one per
// product of each site. Shape from the reference page's example and jira.js `WorkspaceModel`:
// `{id, type, attributes:{name, typeKey, type, owner, status, statusDetails, icons, avatars,
// labels, usage, createdAt, updatedAt, hostUrl, ...}, links:{self}, relationships}` and
// `meta:{pageSize, startIndex, endIndex, total}`. The plan (Free/Standard/Premium) is not part
// of the documented model, so it is not invented here. `sandbox.type` is `CHILD` for a sandbox and
// `NONE` otherwise (jira.js `Sandbox`, an open enum).
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-workspaces/

interface Workspace {
  site: Site;
  product: 'jira' | 'confluence';
}

/** Active accounts per `siteId/product`: a workspace's `usage`. */
function usageCounts(ctx: SimContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const u of ctx.state.tenant.users) {
    if (u.accountStatus !== 'active') continue;
    for (const key of new Set(u.productAccess.map((a) => `${a.siteId}/${a.product}`))) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function renderWorkspace(ctx: SimContext, orgId: string, usage: Map<string, number>, w: Workspace) {
  // The site's ARI per product: unique per workspace and what other Atlassian APIs call it.
  const id = `ari:cloud:${w.product}::site/${w.site.id}`;
  return {
    id,
    type: 'workspace',
    attributes: {
      name: w.site.name,
      typeKey: productOf[w.product].key,
      type: w.product,
      owner: orgId,
      status: 'online',
      statusDetails: [],
      icons: {},
      avatars: {},
      labels: [],
      sandbox: { type: w.site.sandbox ? 'CHILD' : 'NONE' },
      usage: usage.get(`${w.site.id}/${w.product}`) ?? 0,
      createdAt: w.site.createdAt,
      updatedAt: w.site.createdAt,
      hostUrl: ctx.urls.sites.get(w.site.id) ?? `https://${w.site.name}.atlassian.net`,
    },
    links: { self: `${orgUrl(ctx, orgId, 'v2')}/workspaces/${encodeURIComponent(id)}` },
    relationships: {},
  };
}

interface SearchBody {
  limit?: unknown;
  cursor?: unknown;
  query?: unknown;
  sort?: unknown;
}

const badBody = (message: string) => new SimError(400, message, { code: 'ADMIN-400-4' });

function parseBody(raw: unknown): SearchBody {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badBody('The request body must be a JSON object.');
  const body = raw as SearchBody;
  if (body.cursor !== undefined && typeof body.cursor !== 'string') throw badBody('cursor must be a string.');
  if (body.query !== undefined && (typeof body.query !== 'object' || body.query === null)) {
    throw badBody('query must be an object.');
  }
  if (body.sort !== undefined && !Array.isArray(body.sort)) throw badBody('sort must be an array.');
  return body;
}

/**
 * Applies the first `sort` entry on the name or type key (`attributes.name.raw` in the docs'
 * example). The `query` DSL (and/nor/field/searchWorkspaces/...) is accepted but not evaluated:
 * Palisade lists every workspace.
 */
function sorted(workspaces: Workspace[], sort: unknown[] | undefined): Workspace[] {
  const first = sort?.[0] as { field?: unknown; order?: unknown } | undefined;
  const field = typeof first?.field === 'string' ? first.field : '';
  const key = field.startsWith('attributes.name')
    ? (w: Workspace) => w.site.name
    : field.startsWith('attributes.typeKey')
      ? (w: Workspace) => productOf[w.product].key
      : undefined;
  if (!key) return workspaces;
  const dir = typeof first?.order === 'string' && first.order.toLowerCase() === 'desc' ? -1 : 1;
  return [...workspaces].sort((a, b) => dir * key(a).localeCompare(key(b)));
}

export function workspaceRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.workspaces.search', (call) => {
    const body = parseBody(call.body);
    const orgId = call.ctx.state.tenant.org.id;
    const all: Workspace[] = call.ctx.state.tenant.sites.flatMap((site) => [
      ...(site.jira ? [{ site, product: 'jira' as const }] : []),
      ...(site.confluence ? [{ site, product: 'confluence' as const }] : []),
    ]);
    const limit = adminLimit(call, body.limit ?? call.endpoint.pageSize?.default);
    const items = sorted(all, body.sort as unknown[] | undefined);
    const usage = usageCounts(call.ctx);
    const page = v2Page(
      call,
      items,
      (w) => renderWorkspace(call.ctx, orgId, usage, w),
      body.cursor as string | undefined,
      limit,
    );
    return {
      data: page.data,
      links: page.links,
      // Indexes are 0-based; `endIndex` is exclusive, so endIndex - startIndex is the page's length.
      meta: {
        pageSize: limit,
        startIndex: page.offset,
        endIndex: page.offset + page.count,
        total: items.length,
      },
    };
  });
}

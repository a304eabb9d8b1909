import { orgWorkspaces } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { num, obj, str } from './values.ts';
import { walk } from './walk.ts';

/** `ari:cloud:jira::site/<cloudId>` → product and cloud id. */
export function parseSiteAri(ari: string): { product: string; cloudId: string } | null {
  const m = /^ari:cloud:([a-z-]+)::site\/([0-9a-fA-F-]+)$/.exec(ari);
  return m ? { product: m[1] as string, cloudId: (m[2] as string).toLowerCase() } : null;
}

export const collector = defineCollector({
  dataset: orgWorkspaces,
  cost: ({ records, pages }) => pages('admin.workspaces.search', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgWorkspaces.name);
    yield* walk(ctx, 'admin.workspaces.search', { params: { orgId }, body: {} }, (workspaces) =>
      workspaces.map((w) => {
        const a = obj(w.attributes);
        const site = parseSiteAri(w.id);
        return toItem(orgWorkspaces, {
          id: w.id,
          cloudId: site?.cloudId ?? null,
          product: str(a.type) ?? site?.product ?? null,
          name: str(a.name) ?? '',
          typeKey: str(a.typeKey),
          status: str(a.status),
          hostUrl: str(a.hostUrl),
          usage: num(a.usage),
          // jira.js `Sandbox.type`: `CHILD` for a sandbox, `NONE` (or no object) for production.
          sandbox: str(obj(a.sandbox).type)?.toUpperCase() === 'CHILD',
        });
      }),
    );
  },
});

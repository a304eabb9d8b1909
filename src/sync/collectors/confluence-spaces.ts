import { confluenceSpaces } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import {
  listingUnavailable,
  type SpacePermissionRecord,
  spaceItem,
  spacesThroughV2,
  V2_CHECKPOINT,
} from './confluence-spaces-v2.ts';
import { requireSite } from './context.ts';
import { arr, bool, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Spaces and their permissions in ONE walk: v1 `GET /wiki/rest/api/space?expand=permissions`, 500
// spaces per page. It is also where anonymous and unlicensed (JSM portal) access are documented,
// as the `anonymousAccess` / `unlicensedAccess` flags of a permission. The v2 equivalent is a
// spaces walk plus one `/spaces/{id}/permissions` walk per space (2,000 extra calls on xl), so it
// is read only when the v1 listing stops answering (404/410 once retired, 5xx, an unreadable or
// drifted body) before its first page: confluence-spaces-v2.ts. A v1 walk that fails after pages
// were stored, or on resume, fails as any walk does (mixing both readings would mix two snapshots).

const CONCURRENCY = 8;

export function spacePermissions(raw: unknown): SpacePermissionRecord[] {
  const p = obj(raw);
  const op = obj(p.operation);
  const operation = str(op.operation) ?? str(op.key) ?? 'unknown';
  const targetType = str(op.targetType) ?? 'unknown';
  const base = { operation, targetType, accountId: null, groupId: null, groupName: null };
  const out: SpacePermissionRecord[] = [];
  if (bool(p.anonymousAccess) === true) out.push({ ...base, subjectType: 'anonymous' });
  if (bool(p.unlicensedAccess) === true) out.push({ ...base, subjectType: 'unlicensed' });
  const subjects = obj(p.subjects);
  for (const u of arr(obj(subjects.user).results)) {
    out.push({ ...base, subjectType: 'user', accountId: str(obj(u).accountId) });
  }
  for (const g of arr(obj(subjects.group).results)) {
    out.push({ ...base, subjectType: 'group', groupId: str(obj(g).id), groupName: str(obj(g).name) });
  }
  return out;
}

export function confluenceSpacesCollector(): Collector {
  return {
    dataset: confluenceSpaces.name,
    scope: 'site',
    product: 'confluence',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['confluence.spacesWithPermissions', 'confluence.spaces', 'confluence.spacePermissions'],
    async *collect(ctx) {
      const site = requireSite(ctx, confluenceSpaces.name);
      if (!ctx.resumeFrom?.startsWith(V2_CHECKPOINT)) {
        let yielded = false;
        try {
          for await (const page of walk<unknown>(
            ctx,
            'confluence.spacesWithPermissions',
            { site, query: { expand: 'permissions' } },
            (raws) => raws.map((raw) => spaceItem(raw, arr(obj(raw).permissions).flatMap(spacePermissions))),
          )) {
            yielded = true;
            yield page;
          }
          return;
        } catch (error) {
          if (yielded || ctx.resumeFrom !== null || !listingUnavailable(error)) throw error;
        }
      }
      yield* spacesThroughV2(ctx, site, CONCURRENCY);
    },
  };
}

import { confluenceSpaces } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, bool, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Spaces and their permissions in ONE walk: v1 `GET /wiki/rest/api/space?expand=permissions`, 500
// spaces per page. It is also the only API that shows anonymous and unlicensed (JSM portal) access,
// as the `anonymousAccess` / `unlicensedAccess` flags of a permission. The v2 equivalent would be
// a spaces walk plus one `/spaces/{id}/permissions` walk per space (2,000 extra calls on xl) and
// still lacks the unlicensed flag, so v2 is not read.

type Permission = {
  operation: string;
  targetType: string;
  subjectType: 'user' | 'group' | 'anonymous' | 'unlicensed';
  accountId: string | null;
  groupId: string | null;
  groupName: string | null;
};

export function spacePermissions(raw: unknown): Permission[] {
  const p = obj(raw);
  const op = obj(p.operation);
  const operation = str(op.operation) ?? str(op.key) ?? 'unknown';
  const targetType = str(op.targetType) ?? 'unknown';
  const base = { operation, targetType, accountId: null, groupId: null, groupName: null };
  const out: Permission[] = [];
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
    endpoints: ['confluence.spacesWithPermissions'],
    async *collect(ctx) {
      const site = requireSite(ctx, confluenceSpaces.name);
      yield* walk<unknown>(
        ctx,
        'confluence.spacesWithPermissions',
        { site, query: { expand: 'permissions' } },
        (raws) =>
          raws.map((raw) => {
            const s = obj(raw);
            const permissions = arr(s.permissions).flatMap(spacePermissions);
            return toItem(confluenceSpaces, {
              id: str(s.id),
              key: str(s.key),
              name: str(s.name),
              type: str(s.type),
              status: str(s.status),
              anonymousAccess: permissions.some((p) => p.subjectType === 'anonymous'),
              unlicensedAccess: permissions.some((p) => p.subjectType === 'unlicensed'),
              permissions,
            });
          }),
      );
    },
  };
}

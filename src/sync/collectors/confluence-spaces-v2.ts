import type { SiteRef } from '../../atlassian/api.ts';
import { isAtlassianError } from '../../atlassian/errors.ts';
import { confluenceSpaces } from '../../inventory/datasets/index.ts';
import type { CollectedItem, CollectorContext, CollectorPage } from '../collector.ts';
import { isNotFound } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import { bool, obj, str } from './values.ts';
import { collectAll } from './walk.ts';

// The v2 reading of `confluence.spaces`, for when the v1 `GET /wiki/rest/api/space?expand=permissions`
// listing stops answering (v1 endpoints are being retired one by one, and a retired one answers
// 404 or 410: https://developer.atlassian.com/cloud/confluence/deprecation-notice-v1-apis/).
// Spaces come from `GET /wiki/api/v2/spaces`, then each space's assignments from
// `GET /wiki/api/v2/spaces/{id}/permissions`
// (https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space-permissions/): one
// call per space more than v1, so v1 stays the first choice.
//
// Principals are `user`, `group` or `role` (spec `SpacePermissionAssignment`). Anonymous and
// unlicensed (JSM portal) access have no user or group: they come as a `role` principal whose id
// names the access class (`anonymous`, `unlicensed`; Atlassian documents no id values, so any id
// containing those words counts, whatever its case), or as the v1-style `anonymousAccess` /
// `unlicensedAccess` flags some responses still carry. v2 names groups by id only: `groupName`
// stays null (rules match broad groups by id first).

export type SubjectType = 'user' | 'group' | 'anonymous' | 'unlicensed';

export interface SpacePermissionRecord {
  operation: string;
  targetType: string;
  subjectType: SubjectType;
  accountId: string | null;
  groupId: string | null;
  groupName: string | null;
}

/** Checkpoints of the v2 reading carry this prefix, so a resume continues the same way. */
export const V2_CHECKPOINT = 'v2:';

/** One v2 permission assignment as the records a v1 permission gives. */
export function v2SpacePermissions(raw: unknown): SpacePermissionRecord[] {
  const p = obj(raw);
  const op = obj(p.operation);
  const principal = obj(p.principal);
  const base = {
    operation: str(op.key) ?? str(op.operation) ?? 'unknown',
    targetType: str(op.targetType) ?? 'unknown',
    accountId: null,
    groupId: null,
    groupName: null,
  };
  const type = str(principal.type)?.toLowerCase();
  const id = str(principal.id);
  const accessClass = type === 'role' || type === 'access_class' ? (id?.toLowerCase() ?? '') : '';
  const out: SpacePermissionRecord[] = [];
  if (bool(p.anonymousAccess) === true || accessClass.includes('anonymous')) {
    out.push({ ...base, subjectType: 'anonymous' });
  }
  if (bool(p.unlicensedAccess) === true || accessClass.includes('unlicensed')) {
    out.push({ ...base, subjectType: 'unlicensed' });
  }
  if (type === 'user' && id) out.push({ ...base, subjectType: 'user', accountId: id });
  if (type === 'group' && id) out.push({ ...base, subjectType: 'group', groupId: id });
  return out;
}

/** Whether the v1 listing is gone or broken (rather than refused, limited or unreachable). */
export function listingUnavailable(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === 'schema_drift') return true;
  if (!isAtlassianError(error)) return false;
  return (
    error.code === 'not_found' ||
    error.code === 'request_rejected' ||
    error.code === 'server_error' ||
    error.code === 'response_parse'
  );
}

/** A space of either listing: v1 numbers its ids, v2 sends them as strings. */
interface ListedSpace {
  id: string | number;
  key: string;
  name: string;
  type?: unknown;
  status?: unknown;
}

export function spaceItem(s: ListedSpace, permissions: readonly SpacePermissionRecord[]): CollectedItem {
  return toItem(confluenceSpaces, {
    id: String(s.id),
    key: s.key,
    name: s.name,
    type: str(s.type),
    status: str(s.status),
    anonymousAccess: permissions.some((p) => p.subjectType === 'anonymous'),
    unlicensedAccess: permissions.some((p) => p.subjectType === 'unlicensed'),
    permissions,
  });
}

/** Every space through v2, one page of spaces (with their permissions) per CollectorPage. */
export async function* spacesThroughV2(
  ctx: CollectorContext,
  site: SiteRef,
  concurrency: number,
): AsyncGenerator<CollectorPage> {
  const from = ctx.resumeFrom?.startsWith(V2_CHECKPOINT) ? ctx.resumeFrom.slice(V2_CHECKPOINT.length) : null;
  const trustEmpty = ctx.access?.confluenceAdmin === true;
  // Counted from this read on: a resumed v2 read may under-count, never over-count.
  let hidden = 0;
  let listed = 0;
  let yielded = false;
  for await (const page of ctx.api.pages('confluence.spaces.list', { site, resumeFrom: from })) {
    const permissions = await mapLimit(page.items, concurrency, async (space) => {
      try {
        const assignments = await collectAll(ctx, 'confluence.spacePermissions.list', {
          site,
          params: { id: space.id },
        });
        return assignments.flatMap(v2SpacePermissions);
      } catch (error) {
        // Deleted between the listing and this read: it is no longer a space of the site.
        if (isNotFound(error)) return null;
        throw error;
      }
    });
    yielded = true;
    // As in v1, an empty list is "grants nothing" only to a known Confluence administrator.
    hidden += permissions.filter((held) => held !== null && held.length === 0 && !trustEmpty).length;
    listed += permissions.filter((held) => held !== null).length;
    const items = page.items.flatMap((space, i) => {
      const held = permissions[i];
      return held ? [spaceItem(space, held)] : [];
    });
    if (page.next !== null) {
      yield { items, checkpoint: `${V2_CHECKPOINT}${page.next}` };
      continue;
    }
    const partial = hiddenPartial(hidden, listed);
    yield { items, checkpoint: null, ...(partial ? { partial } : {}) };
  }
  if (!yielded) yield { items: [], checkpoint: null };
}

function hiddenPartial(hidden: number, listed: number): { reason: string; missing: string } | undefined {
  if (hidden === 0) return undefined;
  return {
    reason: `the permissions of ${hidden} of ${listed} spaces came back empty (v2 listing): Confluence shows them only to the space's administrators`,
    missing: 'Confluence administrator',
  };
}

/** The keys of every space a v2 listing returns (the anonymous probe's fallback). */
export async function spaceKeysThroughV2(
  ctx: CollectorContext,
  site: SiteRef,
  anonymous: boolean,
): Promise<string[]> {
  const spaces = await collectAll(ctx, 'confluence.spaces.list', { site, anonymous });
  return spaces.map((s) => s.key);
}

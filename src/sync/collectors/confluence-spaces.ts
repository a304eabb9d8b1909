import type { PageItemOf, SiteRef } from '../../atlassian/api.ts';
import { confluenceSpaces } from '../../inventory/datasets/index.ts';
import {
  type CollectedItem,
  type CollectorContext,
  type CollectorPage,
  defineCollector,
} from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import {
  listingUnavailable,
  type SpacePermissionRecord,
  spaceItem,
  spacesThroughV2,
  V2_CHECKPOINT,
} from './confluence-spaces-v2.ts';
import { requireSite } from './context.ts';
import { CollectorError } from './errors.ts';
import { arr, bool, obj, str } from './values.ts';

// Spaces and their permissions in ONE walk: v1 `GET /wiki/rest/api/space?expand=permissions`, 500
// spaces per page. It is also the only API that shows anonymous and unlicensed (JSM portal) access,
// as the `anonymousAccess` / `unlicensedAccess` flags of a permission. The v2 equivalent would be
// a spaces walk plus one `/spaces/{id}/permissions` walk per space (2,000 extra calls on xl), so it
// is read only when the v1 listing stops answering (404/410 once retired, 5xx, an unreadable or
// drifted body) before its first page: confluence-spaces-v2.ts.
//
// What a credential that is not a Confluence administrator gets is shorter, not refused: the
// listing holds only the spaces it may view ("the returned list will only contain spaces that the
// current user has permission to view", spec), and a space's `permissions` come back empty unless
// it administers the space. Read as complete, "empty" would mean "grants nothing" and pass every
// check. So a missing permission list always counts as hidden, and an empty one too unless the
// credential is known to be a Confluence administrator (credential-access.ts): the dataset is then
// partial with how many, and the spaces listed are cross-checked against the v2 listing
// (`GET /wiki/api/v2/spaces`, 250 a page) so that spaces v1 left out are counted too. A Confluence
// administrator's sync costs no extra call.
// https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-space/#api-wiki-rest-api-space-get
// https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get

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

/** `absent`: no permission list at all (never "grants nothing"); `empty`: an empty list. */
type Shown = 'absent' | 'empty' | 'listed';

function toSpace(space: PageItemOf<'confluence.spacesWithPermissions.list'>): {
  item: CollectedItem;
  shown: Shown;
} {
  const shown = Array.isArray(space.permissions) ? space.permissions : null;
  return {
    shown: shown === null ? 'absent' : shown.length === 0 ? 'empty' : 'listed',
    item: spaceItem(space, arr(shown).flatMap(spacePermissions)),
  };
}

/** Spaces listed and spaces whose permissions were hidden, carried across a resume in the checkpoint. */
interface Tally {
  listed: number;
  hidden: number;
}

function startFrom(resumeFrom: string | null): { next: string | null; tally: Tally } {
  try {
    const position = decodePosition(confluenceSpaces.name, resumeFrom);
    return {
      next: position.next,
      tally: { listed: Number(position.state?.listed ?? 0), hidden: Number(position.state?.hidden ?? 0) },
    };
  } catch (error) {
    // A checkpoint of the earlier format (the client's bare token): resume from it, uncounted.
    if (error instanceof CollectorError && resumeFrom !== null) {
      return { next: resumeFrom, tally: { listed: 0, hidden: 0 } };
    }
    throw error;
  }
}

/** How many spaces the v2 listing shows the same credential, or why it could not be read. */
async function v2Count(ctx: CollectorContext, site: SiteRef): Promise<number | { failed: string }> {
  let count = 0;
  try {
    for await (const page of ctx.api.pages('confluence.spaces.list', { site })) {
      count += page.items.length;
    }
  } catch (error) {
    // A rejected credential or an abort ends the sync; anything else only leaves the count unchecked.
    const code = (error as { code?: unknown; name?: unknown } | null)?.code;
    if (code === 'credential_rejected' || (error as { name?: unknown } | null)?.name === 'AbortError')
      throw error;
    return { failed: typeof code === 'string' ? code : 'error' };
  }
  return count;
}

/** Why the dataset is partial, if it is: hidden permissions and spaces v1 left out. */
async function hiddenNote(ctx: CollectorContext, site: SiteRef, tally: Tally): Promise<string | undefined> {
  const notAdmin = ctx.access?.confluenceAdmin === false;
  if (tally.hidden === 0 && !notAdmin) return undefined;
  const parts: string[] = [];
  if (tally.hidden > 0) {
    parts.push(
      `the permissions of ${tally.hidden} of ${tally.listed} spaces came back empty or not at all: Confluence shows them only to the space's administrators`,
    );
  }
  const v2 = await v2Count(ctx, site);
  if (typeof v2 === 'number') {
    if (v2 > tally.listed)
      parts.push(`the v2 listing shows ${v2} spaces, the v1 listing only ${tally.listed}`);
  } else {
    parts.push(`the space count could not be cross-checked with the v2 listing (${v2.failed})`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The v1 walk, with hidden permission lists counted (see above). */
async function* spacesThroughV1(ctx: CollectorContext, site: SiteRef): AsyncGenerator<CollectorPage> {
  // A Confluence administrator sees every permission: an empty list is a space granting nothing.
  const trustEmpty = ctx.access?.confluenceAdmin === true;
  const { next, tally } = startFrom(ctx.resumeFrom);
  let last: CollectedItem[] = [];
  for await (const page of ctx.api.pages('confluence.spacesWithPermissions.list', {
    site,
    query: { expand: 'permissions' },
    resumeFrom: next,
  })) {
    const spaces = page.items.map(toSpace);
    tally.listed += spaces.length;
    tally.hidden += spaces.filter((s) => s.shown === 'absent' || (s.shown === 'empty' && !trustEmpty)).length;
    const items = spaces.map((s) => s.item);
    if (page.next === null) {
      last = items;
      break;
    }
    const state = { listed: String(tally.listed), hidden: String(tally.hidden) };
    yield { items, checkpoint: encodePosition({ parent: 0, next: page.next, state }) };
  }
  const note = await hiddenNote(ctx, site, tally);
  yield {
    items: last,
    checkpoint: null,
    ...(note ? { partial: { reason: note, missing: 'Confluence administrator' } } : {}),
  };
}

export const collector = defineCollector({
  dataset: confluenceSpaces,
  // A Confluence administrator's: one v1 walk (others add the v2 count, or read through v2).
  cost: ({ records, pages }) => pages('confluence.spacesWithPermissions.list', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, confluenceSpaces.name);
    if (!ctx.resumeFrom?.startsWith(V2_CHECKPOINT)) {
      let yielded = false;
      try {
        for await (const page of spacesThroughV1(ctx, site)) {
          yielded = true;
          yield page;
        }
        return;
      } catch (error) {
        // Only a listing gone before its first page falls back: mixing both readings would mix
        // two snapshots.
        if (yielded || ctx.resumeFrom !== null || !listingUnavailable(error)) throw error;
      }
    }
    yield* spacesThroughV2(ctx, site, CONCURRENCY);
  },
});

import { orgApiTokens, orgUsers, type RecordOf } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isNotFound, isUnusable, recordsOf, requireOrgId } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import { withNote } from './partial.ts';
import { arr, isoDay, isoTime, obj, str } from './values.ts';

// API tokens are listed per account: one call for each managed account, with no bulk endpoint
// (the org-wide "API token activity" view has no public API). On xl that is ~90,000 calls — more
// than every other dataset together — so by default only privileged accounts are read (anyone with
// a platform role: org admins, site admins, user-access admins), whose tokens matter most. `all`
// reads every active managed account and makes org_no_stale_api_tokens complete, at one call per
// account; `none` skips the dataset. The check reports which accounts were covered: a record per
// account read (with its tokens, possibly none), so "not read" is never mistaken for "no tokens".

export type ApiTokenCoverage = 'admins' | 'all' | 'none';

export interface OrgApiTokensOptions {
  /** Which managed accounts to read tokens for (default `admins`). */
  accounts?: ApiTokenCoverage;
  /** Accounts per stored page (and per checkpoint). */
  batchSize?: number;
  /** Calls in flight at once. */
  concurrency?: number;
}

type User = RecordOf<typeof orgUsers>;

/** The accounts whose tokens are read, in a stable order so a checkpoint index means the same account. */
export function tokenAccounts(users: readonly User[], coverage: ApiTokenCoverage): string[] {
  if (coverage === 'none') return [];
  return users
    .filter(
      (u) =>
        u.accountType === 'atlassian' &&
        u.claimStatus === 'managed' &&
        u.accountStatus === 'active' &&
        (coverage === 'all' || u.platformRoles.length > 0),
    )
    .map((u) => u.accountId)
    .sort();
}

export function orgApiTokensCollector(options: OrgApiTokensOptions = {}): Collector {
  const coverage = options.accounts ?? 'admins';
  const batchSize = options.batchSize ?? 25;
  const concurrency = options.concurrency ?? 8;
  return {
    dataset: orgApiTokens.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    dependsOn: [orgUsers.name],
    endpoints: ['usermgmt.apiTokens.list'],
    async *collect(ctx) {
      requireOrgId(ctx, orgApiTokens.name);
      const users = await recordsOf(ctx, orgUsers);
      const accounts = tokenAccounts(users, coverage);
      const others = tokenAccounts(users, 'all').length - accounts.length;
      // Said once, on the first page of the walk (a resume already said it).
      let note =
        others > 0 && ctx.resumeFrom === null
          ? {
              reason: `API tokens read for privileged accounts only (${accounts.length} of ${accounts.length + others} active managed accounts)`,
              missing: "apiTokens: 'all'",
            }
          : undefined;
      let index = decodePosition(orgApiTokens.name, ctx.resumeFrom).parent;
      if (index >= accounts.length) {
        yield withNote({ items: [], checkpoint: null }, note);
        return;
      }
      while (index < accounts.length) {
        const batch = accounts.slice(index, index + batchSize);
        const read = await mapLimit(batch, concurrency, async (accountId) => {
          try {
            return {
              accountId,
              tokens: await ctx.api.call<unknown>('usermgmt.apiTokens.list', { params: { accountId } }),
            };
          } catch (error) {
            // Deleted since the user list was read. A 403 (scoped key, unmanaged account) is not
            // swallowed: the dataset is then "forbidden", not silently empty.
            if (isNotFound(error) || isUnusable(error)) return undefined;
            throw error;
          }
        });
        index += batch.length;
        const page = {
          items: read
            .filter((r) => r !== undefined)
            .map((r) =>
              toItem(orgApiTokens, {
                accountId: r.accountId,
                tokens: arr(r.tokens).map((raw) => {
                  const t = obj(raw);
                  return {
                    id: str(t.id),
                    label: str(t.label) ?? '',
                    createdAt: isoTime(t.createdAt),
                    // To the day: Atlassian stamps the token Palisade itself uses on every call, and
                    // staleness is judged in days, so a finer time would rewrite it on every sync.
                    lastAccess: isoDay(t.lastAccess),
                    expiry: isoTime(t.expiry),
                  };
                }),
              }),
            ),
          checkpoint: index < accounts.length ? encodePosition({ parent: index, next: null }) : null,
        };
        yield withNote(page, note);
        note = undefined;
      }
    },
  };
}

import type { PageItemOf } from '../../atlassian/api.ts';
import { ForbiddenError } from '../../atlassian/errors.ts';
import { UNSCOPED_ORG_KEY } from '../../atlassian/org-key-access.ts';
import { orgApiTokens, orgUsers, type RecordOf } from '../../inventory/datasets/index.ts';
import {
  type Collector,
  type CollectorContext,
  type CollectorPage,
  defineCollector,
  type PartialNote,
} from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isForbidden, isNotFound, isUnusable, recordsOf, requireOrgId } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import type { CollectorExport } from './settings.ts';
import { arr, isoDay, isoTime, obj, str } from './values.ts';
import { collectAll } from './walk.ts';

// Every managed account's API tokens. First the API Access API's org-wide list
// (`GET /admin/api-access/v1/orgs/{orgId}/api-tokens`: status, expiry, last activity and scopes
// of every token, 100 per call), which a key without scopes or with read:tokens:admin may read.
// https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/
//
// Where the key may not (a 403) or the org does not have it (a 404: the API is experimental), the
// user management API lists them per account: one call for each managed account. On xl that is
// ~90,000 calls — more than every other dataset together — so by default only privileged accounts
// are read (anyone with a platform role: org admins, site admins, user-access admins), whose tokens
// matter most, and the account Palisade scans with. `all` reads every active managed account, at
// one call per account; `none` skips that fallback. That path reports which accounts were covered:
// a record per account read (with its tokens, possibly none), so "not read" is never mistaken for
// "no tokens". The org-wide list covers every account, so it has records for token owners only.

export type ApiTokenCoverage = 'admins' | 'all' | 'none';

export interface OrgApiTokensOptions {
  /** Which managed accounts to read tokens for when the org-wide list is refused (default `admins`). */
  accounts?: ApiTokenCoverage;
  /** Accounts per stored page (and per checkpoint). */
  batchSize?: number;
  /** Calls in flight at once. */
  concurrency?: number;
  /** The account whose API token Palisade scans with: its record is marked, and always read. */
  palisadeAccountId?: string | undefined;
}

type User = RecordOf<typeof orgUsers>;
type TokenRecord = RecordOf<typeof orgApiTokens>;
type Token = TokenRecord['tokens'][number];

const LIST = 'admin.apiAccess.apiTokens.list' as const;
const PER_ACCOUNT = 'usermgmt.apiTokens.list' as const;

/** The accounts whose tokens are read, in a stable order so a checkpoint index means the same account. */
export function tokenAccounts(users: readonly User[], coverage: ApiTokenCoverage, always?: string): string[] {
  if (coverage === 'none') return [];
  return users
    .filter(
      (u) =>
        u.accountType === 'atlassian' &&
        u.claimStatus === 'managed' &&
        u.accountStatus === 'active' &&
        (coverage === 'all' || u.platformRoles.length > 0 || u.accountId === always),
    )
    .map((u) => u.accountId)
    .sort();
}

// To the day: Atlassian stamps the token Palisade itself uses on every call, and staleness is
// judged in days, so a finer time would rewrite it on every sync.
function tokenOf(raw: unknown, listed: boolean): Token {
  const t = obj(raw);
  return {
    id: str(t.id) ?? '',
    label: str(t.label) ?? '',
    createdAt: isoTime(t.createdAt),
    lastAccess: isoDay(listed ? t.lastActiveAt : t.lastAccess),
    expiry: isoTime(listed ? t.expiresAt : t.expiry),
    // The org-wide list reports scopes (none: a classic token); the per-account one does not.
    scopes: listed ? arr(t.scopes).filter((s): s is string => typeof s === 'string') : null,
  };
}

function recordItem(accountId: string, tokens: Token[], palisadeAccountId: string | undefined) {
  const record: TokenRecord = {
    accountId,
    tokens,
    ...(accountId === palisadeAccountId ? { palisadeAccount: true } : {}),
  };
  return toItem(orgApiTokens, record);
}

/** The org-wide list, or undefined when this key or org cannot use it. */
async function listAll(ctx: CollectorContext, orgId: string) {
  try {
    return await collectAll(ctx, LIST, { params: { orgId } });
  } catch (error) {
    if (isForbidden(error) || isNotFound(error)) return undefined;
    throw error;
  }
}

export function orgApiTokensCollector(options: OrgApiTokensOptions = {}): Collector {
  const coverage = options.accounts ?? 'admins';
  const batchSize = options.batchSize ?? 25;
  const concurrency = options.concurrency ?? 8;
  const self = options.palisadeAccountId;

  /** Stores the org-wide list's tokens by owner, `batchSize` accounts per page, from account `start`. */
  async function* fromList(listed: PageItemOf<typeof LIST>[], start: number): AsyncGenerator<CollectorPage> {
    const byAccount = new Map<string, Token[]>();
    let ownerless = 0;
    for (const raw of listed) {
      const owner = str(obj(raw.user).id);
      const token = tokenOf(raw, true);
      if (!owner || !token.id) {
        ownerless++;
        continue;
      }
      byAccount.set(owner, [...(byAccount.get(owner) ?? []), token]);
    }
    const accounts = [...byAccount.keys()].sort();
    // Said once, on the first page of the walk (a resume already said it).
    let note: PartialNote | undefined =
      ownerless > 0 && start === 0
        ? { reason: `${ownerless} listed API tokens had no id or owner and were left out` }
        : undefined;
    let index = start;
    for (;;) {
      const batch = accounts.slice(index, index + batchSize);
      index += batch.length;
      const done = index >= accounts.length;
      yield {
        items: batch.map((id) => recordItem(id, byAccount.get(id) ?? [], self)),
        checkpoint: done ? null : encodePosition({ parent: index, next: null, state: { via: 'list' } }),
        ...(note ? { partial: note } : {}),
      };
      note = undefined;
      if (done) return;
    }
  }

  async function* perAccount(ctx: CollectorContext, start: number): AsyncGenerator<CollectorPage> {
    const users = await recordsOf(ctx, orgUsers);
    const accounts = tokenAccounts(users, coverage, self);
    const others = tokenAccounts(users, 'all').length - accounts.length;
    let note: PartialNote | undefined =
      others > 0 && start === 0
        ? {
            reason: `API tokens read for privileged accounts only (${accounts.length} of ${accounts.length + others} active managed accounts): the org API key may not read the org-wide list`,
            missing: "read:tokens:admin, or apiTokens: 'all'",
          }
        : undefined;
    let index = start;
    if (index >= accounts.length) {
      yield { items: [], checkpoint: null, ...(note ? { partial: note } : {}) };
      return;
    }
    while (index < accounts.length) {
      const batch = accounts.slice(index, index + batchSize);
      const read = await mapLimit(batch, concurrency, async (accountId) => {
        try {
          return {
            accountId,
            tokens: await ctx.api.call(PER_ACCOUNT, { params: { accountId } }),
          };
        } catch (error) {
          // Deleted since the user list was read, or an answer too broken to use (counted as drift).
          if (isNotFound(error) || isUnusable(error)) return undefined;
          if (isForbidden(error)) throw neitherPath(error);
          throw error;
        }
      });
      index += batch.length;
      yield {
        items: read
          .filter((r) => r !== undefined)
          .map((r) =>
            recordItem(
              r.accountId,
              r.tokens.map((raw) => tokenOf(raw, false)),
              self,
            ),
          ),
        checkpoint:
          index < accounts.length
            ? encodePosition({ parent: index, next: null, state: { via: 'accounts' } })
            : null,
        ...(note ? { partial: note } : {}),
      };
      note = undefined;
    }
  }

  return defineCollector({
    dataset: orgApiTokens,
    dependsOn: [orgUsers],
    // The org-wide list at its page size; else the refused list, then one call per account read.
    cost: ({ records, pages, facts }) =>
      facts.apiTokensPerAccount
        ? 1 + records.length
        : pages(
            LIST,
            records.reduce((sum, r) => sum + r.tokens.length, 0),
          ),
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgApiTokens.name);
      const position = decodePosition(orgApiTokens.name, ctx.resumeFrom);
      // Checkpoints from before the org-wide list carry no `via`: they are per-account positions.
      const resumingPerAccount = ctx.resumeFrom !== null && position.state?.via !== 'list';
      if (!resumingPerAccount) {
        const listed = await listAll(ctx, orgId);
        if (listed) {
          yield* fromList(listed, position.parent);
          return;
        }
      }
      yield* perAccount(ctx, resumingPerAccount ? position.parent : 0);
    },
  });
}

export const collector: CollectorExport = (settings) =>
  orgApiTokensCollector({
    accounts: settings.apiTokens ?? 'admins',
    palisadeAccountId: settings.palisadeAccountId,
  });

/** Neither the org-wide list nor the per-account API: name both ways in. */
function neitherPath(error: unknown): ForbiddenError {
  const e = error as ForbiddenError;
  return new ForbiddenError(
    { endpointId: e.endpointId, method: e.method, url: e.url, status: e.status },
    `the org API key may read neither the org-wide API token list (${LIST} needs read:tokens:admin) nor each account's tokens (${PER_ACCOUNT} needs ${UNSCOPED_ORG_KEY})`,
    [`read:tokens:admin (or ${UNSCOPED_ORG_KEY})`],
  );
}

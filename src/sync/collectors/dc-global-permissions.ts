import type { ReadOf } from '../../atlassian/api.ts';
import { dcGlobalPermissions } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { dataCenterProductOf, notExposed, optionalRead } from './dc-sources.ts';
import { toItems } from './normalize.ts';

// Global permissions with their holders. Confluence DC 10 documents them
// (`GET /rest/api/permissions`: one `{operation, subject}` per holder and permission); Jira DC
// documents only the permission keys (/rest/api/2/permissions), not who holds them. Where the
// instance answers 404 (Jira; Confluence before 10) the dataset stays empty and partial, and the
// checks ask for an attestation instead.

type JiraGrants = ReadOf<'dc.jira.globalPermissions.list'>['globalPermissions'];
type ConfluenceGrants = ReadOf<'dc.confluence.globalPermissions.list'>;

/** Confluence's `{targetType, operationKey}` pairs as its global permission keys (the UI's names). */
const CONFLUENCE_KEYS: Record<string, string> = {
  'application:use': 'USECONFLUENCE',
  'application:administer': 'ADMINISTRATECONFLUENCE',
  'system:administer': 'SYSTEMADMINISTRATOR',
  'space:create': 'CREATESPACE',
  'personal_space:create': 'PERSONALSPACE',
  'user:read': 'VIEWUSERPROFILES',
};

interface Grant {
  product: string;
  permission: string;
  groups: string[];
  users: string[];
  anonymous: boolean;
  allLoggedIn: boolean;
}

/** Jira writes "Anyone" as a holder of type `anyone`. */
function fromJira(product: string, grants: JiraGrants): Grant[] {
  return grants.map((g) => ({
    product,
    permission: g.permission,
    groups: g.holders.flatMap((h) =>
      h.type === 'group' && typeof h.parameter === 'string' ? [h.parameter] : [],
    ),
    users: g.holders.flatMap((h) =>
      h.type === 'user' && typeof h.parameter === 'string' ? [h.parameter] : [],
    ),
    anonymous: g.holders.some((h) => h.type === 'anyone' || h.type === 'anonymous'),
    allLoggedIn: g.holders.some((h) => h.type === 'applicationRole' || h.type === 'loggedin'),
  }));
}

/** One Confluence entry per holder and permission, folded into one record per permission. */
function fromConfluence(product: string, entries: ConfluenceGrants): Grant[] {
  const byKey = new Map<string, Grant>();
  for (const { operation, subject } of entries) {
    const pair = `${operation.targetType}:${operation.operationKey}`;
    const permission = CONFLUENCE_KEYS[pair] ?? pair.toUpperCase();
    let grant = byKey.get(permission);
    if (!grant) {
      grant = { product, permission, groups: [], users: [], anonymous: false, allLoggedIn: false };
      byKey.set(permission, grant);
    }
    if (subject.type === 'group' && typeof subject.name === 'string') grant.groups.push(subject.name);
    else if (subject.type === 'user') {
      const name = typeof subject.username === 'string' ? subject.username : subject.userKey;
      if (typeof name === 'string') grant.users.push(name);
    } else if (subject.type === 'anonymous') grant.anonymous = true;
  }
  return [...byKey.values()];
}

export const collector = defineCollector({
  dataset: dcGlobalPermissions,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, dcGlobalPermissions.name);
    const product = dataCenterProductOf(site, dcGlobalPermissions.name);
    const records =
      product === 'jira-data-center'
        ? await optionalRead(async () =>
            fromJira(
              product,
              (await ctx.api.call('dc.jira.globalPermissions.list', { site })).globalPermissions,
            ),
          )
        : await optionalRead(async () =>
            fromConfluence(product, await ctx.api.call('dc.confluence.globalPermissions.list', { site })),
          );
    if (!records) {
      yield {
        items: [],
        checkpoint: null,
        partial: notExposed(
          'Who holds the global permissions',
          'an attestation of the global permissions page',
        ),
      };
      return;
    }
    yield { items: toItems(dcGlobalPermissions, records), checkpoint: null };
  },
});

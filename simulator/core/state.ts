import type { BitbucketAccessToken, BitbucketWorkspace } from '../tenant/bitbucket-model.ts';
import type { DcSite, DcToken, DcUser } from '../tenant/data-center-model.ts';
import type { ApiToken, App, Group, Installation, OrgApiKey, Site, Tenant, User } from '../tenant/model.ts';

/** A 3LO grant: what a person consented to, and the tokens issued under it. */
export interface OAuthGrant {
  id: string;
  clientId: string;
  accountId: string;
  scopes: string[];
  siteIds: string[];
  revoked: boolean;
}

export interface OAuthAccessToken {
  token: string;
  grantId: string;
  expiresAt: number;
}

/**
 * The live tenant and the indexes endpoints need. Lists stay the source of truth; the maps are
 * rebuilt after a mutation so lookups stay O(1) on the `xl` tenant (100,000 users).
 */
export class SimState {
  tenant: Tenant;
  usersById = new Map<string, User>();
  usersByEmail = new Map<string, User>();
  groupsById = new Map<string, Group>();
  groupsByName = new Map<string, Group>();
  sitesById = new Map<string, Site>();
  appsByKey = new Map<string, App>();
  tokensBySecret = new Map<string, ApiToken>();
  orgKeysBySecret = new Map<string, OrgApiKey>();
  /** Bitbucket workspace access tokens by secret, with their workspace. */
  bitbucketTokensBySecret = new Map<string, { workspace: BitbucketWorkspace; token: BitbucketAccessToken }>();
  /** accountId → ids of the groups the user is in. */
  groupIdsByUser = new Map<string, string[]>();
  /** Data Center sites by id, and their personal access tokens by secret. */
  dcSitesById = new Map<string, DcSite>();
  dcTokensBySecret = new Map<string, { site: DcSite; token: DcToken; user: DcUser | undefined }>();

  readonly oauthCodes = new Map<string, { grantId: string; redirectUri: string; expiresAt: number }>();
  readonly oauthGrants = new Map<string, OAuthGrant>();
  readonly oauthAccessTokens = new Map<string, OAuthAccessToken>();
  readonly oauthRefreshTokens = new Map<string, { grantId: string; used: boolean }>();

  constructor(tenant: Tenant) {
    this.tenant = tenant;
    this.reindex();
  }

  reindex(): void {
    const t = this.tenant;
    this.usersById = new Map(t.users.map((u) => [u.accountId, u]));
    this.usersByEmail = new Map(t.users.map((u) => [u.email.toLowerCase(), u]));
    this.groupsById = new Map(t.groups.map((g) => [g.id, g]));
    this.groupsByName = new Map(t.groups.map((g) => [g.name.toLowerCase(), g]));
    this.sitesById = new Map(t.sites.map((s) => [s.id, s]));
    this.appsByKey = new Map(t.apps.map((a) => [a.key, a]));
    this.tokensBySecret = new Map(t.apiTokens.map((k) => [k.secret, k]));
    this.orgKeysBySecret = new Map(t.orgApiKeys.map((k) => [k.secret, k]));
    this.dcSitesById = new Map((t.dataCenterSites ?? []).map((s) => [s.id, s]));
    this.dcTokensBySecret = new Map(
      (t.dataCenterSites ?? []).flatMap((site) =>
        site.tokens.map((token) => [
          token.secret,
          { site, token, user: site.users.find((u) => u.name === token.username) },
        ]),
      ),
    );
    this.bitbucketTokensBySecret = new Map(
      (t.bitbucket ?? []).flatMap((workspace) =>
        workspace.accessTokens.map((token) => [token.secret, { workspace, token }] as const),
      ),
    );
    this.groupIdsByUser = new Map();
    for (const g of t.groups) {
      for (const id of g.memberIds) {
        const list = this.groupIdsByUser.get(id);
        if (list) list.push(g.id);
        else this.groupIdsByUser.set(id, [g.id]);
      }
    }
  }

  groupsOf(accountId: string): Group[] {
    return (this.groupIdsByUser.get(accountId) ?? []).map((id) => this.groupsById.get(id)).filter((g) => !!g);
  }

  /** The highest role a user holds on a site's product through their groups or platform roles. */
  roleOn(
    user: User,
    siteId: string,
    product: 'jira' | 'confluence',
  ): 'none' | 'user' | 'admin' | 'site-admin' {
    if (user.accountStatus !== 'active') return 'none';
    if (
      user.platformRoles.includes('atlassian/org-admin') ||
      user.platformRoles.includes('atlassian/site-admin')
    ) {
      return 'site-admin';
    }
    let best: 'none' | 'user' | 'admin' | 'site-admin' = 'none';
    const rank = { none: 0, user: 1, admin: 2, 'site-admin': 3 } as const;
    for (const g of this.groupsOf(user.accountId)) {
      for (const grant of g.grants) {
        if (grant.siteId !== siteId) continue;
        if (grant.role !== 'site-admin' && grant.product !== product) continue;
        if (rank[grant.role] > rank[best]) best = grant.role;
      }
    }
    return best;
  }

  installationsOn(siteId: string, product: 'jira' | 'confluence'): Installation[] {
    return this.tenant.installations.filter((i) => i.siteId === siteId && i.product === product);
  }
}

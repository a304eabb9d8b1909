// The credentials a connection holds, as the connector receives them (decrypted by the caller,
// never stored or logged here).

/** A site credential: an Atlassian account's e-mail and API token (`Authorization: Basic`). */
export interface BasicCredential {
  kind: 'basic';
  email: string;
  apiToken: string;
  /**
   * An API token created with scopes. Atlassian accepts those only through the gateway,
   * `api.atlassian.com/ex/{jira|confluence}/{cloudId}` (the site host answers 401), and only for
   * what their scopes cover; classic tokens (without scopes) go to the site host, where UPM and
   * the GraphQL gateway also live. `discoverConnection` finds out which one a token is.
   * https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/
   */
  scoped?: boolean;
}

/** OAuth 2.0 (3LO) tokens as the token endpoint issued them. */
export interface OAuthTokens {
  accessToken: string;
  /** Rotating: each refresh returns a new one and disables the old (null without `offline_access`). */
  refreshToken: string | null;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
  /** The scopes the token was granted (the token response's `scope`). */
  scopes: readonly string[];
}

/** A site credential from a person's 3LO consent, refreshed automatically. */
export interface OAuthCredential {
  kind: 'oauth';
  clientId: string;
  clientSecret: string;
  tokens: OAuthTokens;
  /**
   * Persists rotated tokens. Awaited BEFORE the new access token is used: once Atlassian has
   * rotated the refresh token the old one is dead, so a crash after the refresh but before the
   * save would leave the connection unable to ever refresh again.
   */
  onTokens(tokens: OAuthTokens): Promise<void> | void;
}

export type SiteCredential = BasicCredential | OAuthCredential;

/**
 * A Bitbucket Cloud credential: a workspace access token (`Authorization: Bearer`,
 * https://support.atlassian.com/bitbucket-cloud/docs/workspace-access-tokens/), or an Atlassian
 * account's e-mail and API token (`Authorization: Basic`,
 * https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/), a workspace admin's to
 * read what only admins see (branch restrictions, deploy keys, webhooks, variables).
 */
export type BitbucketCredential =
  | { kind: 'access-token'; token: string }
  | { kind: 'basic'; email: string; apiToken: string };

export interface Credentials {
  /** For site endpoints (Jira, Confluence, UPM, GraphQL) and 3LO helpers. */
  site?: SiteCredential;
  /** The org API key (`Authorization: Bearer`) for the admin and user management APIs. */
  orgApiKey?: string;
  /**
   * Beside an OAuth site credential: a classic API token for what only the site host serves and
   * no 3LO scope covers (UPM's app inventory, the GraphQL gateway) — Zscaler's flow, where the API
   * token is pasted after the consent. Unused beside a Basic site credential.
   */
  siteHostToken?: BasicCredential;
  /**
   * A Jira or Confluence Data Center personal access token (`Authorization: Bearer`), for the
   * `data-center` endpoints at the site's own base URL.
   * https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html
   */
  dataCenterToken?: string;
  /** For Bitbucket Cloud endpoints (`api.bitbucket.org`): the workspace's credential. */
  bitbucket?: BitbucketCredential;
}

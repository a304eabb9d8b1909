import type { OAuthCredential, OAuthTokens } from './credentials.ts';
import { errorMessageOf } from './error-body.ts';
import { CredentialRejectedError, type ErrorSite, RequestRejectedError, ServerError } from './errors.ts';
import { asRecord } from './paginate/style.ts';

// OAuth 2.0 (3LO) access tokens with automatic refresh. Atlassian's refresh tokens rotate: each
// refresh returns a new one and disables the old, and presenting a disabled one again revokes the
// whole grant (reuse detection). Hence:
// - one refresh at a time per connection: concurrent callers share the in-flight one;
// - the rotated tokens are persisted (`onTokens`) before the new access token is handed out, and a
//   failed save is retried before the next use, so a crash never loses the only valid refresh token;
// - the refresh request is never retried blindly: if it reached Atlassian the old token is spent,
//   and sending it again would revoke the grant. A failed refresh fails the call; the next call
//   refreshes again with whatever token is still current.
// https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens/

/** Refresh a little before expiry so a token does not expire between check and use. */
const EXPIRY_SKEW_MS = 60_000;

export type TokenExchange = (body: Record<string, string>) => Promise<{ status: number; body: unknown }>;

export interface OAuthSessionDeps {
  credential: OAuthCredential;
  exchange: TokenExchange;
  now: () => number;
  /** Where errors say they happened (the token endpoint, credential-free). */
  site: ErrorSite;
  /** Scrubs secrets from texts taken from the token endpoint's answers. */
  redact: (text: string) => string;
}

export class OAuthSession {
  private readonly deps: OAuthSessionDeps;
  private tokens: OAuthTokens;
  private unsaved = false;
  private inFlight: Promise<string> | undefined;
  /** Every token this session has held, so messages can be scrubbed of old ones too. */
  private readonly seen = new Set<string>();

  constructor(deps: OAuthSessionDeps) {
    this.deps = deps;
    this.tokens = { ...deps.credential.tokens };
    this.remember(this.tokens);
  }

  scopes(): readonly string[] {
    return this.tokens.scopes;
  }

  secrets(): Iterable<string> {
    return this.seen;
  }

  /** A usable access token: refreshed first when expired (or about to). */
  async accessToken(): Promise<string> {
    if (this.inFlight) return this.inFlight;
    if (this.unsaved) await this.save();
    if (this.tokens.expiresAt - EXPIRY_SKEW_MS <= this.deps.now())
      return this.refresh(this.tokens.accessToken);
    return this.tokens.accessToken;
  }

  /**
   * Refreshes because `stale` was refused (401) or expired. When another caller already replaced
   * it, its successor is returned without a second refresh.
   */
  refresh(stale: string): Promise<string> {
    if (this.inFlight) return this.inFlight;
    if (this.tokens.accessToken !== stale) return this.accessToken();
    this.inFlight = this.doRefresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async doRefresh(): Promise<string> {
    const { credential, exchange, now } = this.deps;
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) {
      throw new CredentialRejectedError(
        this.deps.site,
        'the access token expired and there is no refresh token (offline_access was not granted)',
      );
    }
    const answer = await exchange({
      grant_type: 'refresh_token',
      client_id: credential.clientId,
      client_secret: credential.clientSecret,
      refresh_token: refreshToken,
    });
    const body = asRecord(answer.body);
    const at = { ...this.deps.site, status: answer.status };
    if (answer.status >= 200 && answer.status < 300 && typeof body.access_token === 'string') {
      const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
      const next: OAuthTokens = {
        accessToken: body.access_token,
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : refreshToken,
        expiresAt: now() + expiresIn * 1000,
        scopes: typeof body.scope === 'string' ? body.scope.split(/\s+/).filter(Boolean) : this.tokens.scopes,
      };
      this.remember(next);
      this.tokens = next;
      this.unsaved = true;
      await this.save();
      return next.accessToken;
    }
    const code = typeof body.error === 'string' ? body.error : '';
    if (code === 'invalid_grant' || answer.status === 401 || answer.status === 403) {
      // invalid_grant: the refresh token is unknown, used or revoked; 401 access_denied: the
      // client secret no longer matches. Either way only a new consent helps.
      throw new CredentialRejectedError(at, `token refresh refused${code ? `: ${code}` : ''}`);
    }
    const detail = this.deps.redact(errorMessageOf(answer.body) ?? `status ${answer.status}`);
    if (answer.status >= 500) throw new ServerError(at, `token refresh failed: ${detail}`);
    throw new RequestRejectedError(at, `token refresh failed: ${detail}`);
  }

  private async save(): Promise<void> {
    await this.deps.credential.onTokens({ ...this.tokens });
    this.unsaved = false;
  }

  private remember(tokens: OAuthTokens): void {
    this.seen.add(tokens.accessToken);
    if (tokens.refreshToken) this.seen.add(tokens.refreshToken);
  }
}

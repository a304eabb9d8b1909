import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSENT_SCOPES, requestedScopes } from '../../connections/oauth/consent-scopes.ts';
import { completeConsent, OAuthConnectError } from '../../connections/oauth/oauth-connect.ts';
import { consumeOAuthState, createOAuthState } from '../../connections/oauth/oauth-states.ts';
import { PalisadeError } from '../../errors.ts';
import { getConnection } from '../../inventory/connections.ts';
import { noteAudit } from '../audit-hook.ts';
import type { Principal } from '../principal.ts';
import { RequestError } from '../request-error.ts';
import type { OAuthAppSettings, ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { consentPage, HTML, PAGE_HEADERS } from './oauth-consent-page.ts';

// The OAuth 2.0 (3LO) connection, Zscaler's flow: Palisade's own consent page (every read-only
// scope and the data it collects), then Atlassian's /authorize with a `state` bound to the
// session, then the callback that exchanges the code, reads the sites, probes them and creates
// or extends the connection. The browser carries the session cookie throughout; the code and the
// tokens never appear in a URL, a response or a log line.

const START = '/api/v1/connections/oauth/start';
const AUTHORIZE = '/api/v1/connections/oauth/authorize';
const CALLBACK = '/api/v1/connections/oauth/callback';

const Scope = z.object({
  scope: z.string(),
  product: z.string(),
  permission: z.string(),
  data: z.string(),
});

const StartAnswer = z.object({
  readOnly: z.literal(true),
  scopes: z.array(Scope),
  /** Where the UI posts (with the CSRF token) to go on to Atlassian. */
  authorizeUrl: z.string(),
  appInventoryNeedsApiToken: z.literal(true),
  /** Whether the OAuth app is configured; without it the UI offers the token form only. */
  oauthConfigured: z.boolean(),
});

const ConnectionQuery = z.object({ connectionId: z.string().min(1).max(200).optional() });

const AuthorizeBody = z
  .object({
    csrf_token: z.string().max(200).optional(),
    connectionId: z.string().min(1).max(200).optional(),
  })
  .optional();

const AuthorizeAnswer = z.object({ redirectUrl: z.string() });

const CallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

function oauthApp(deps: ServerDeps): OAuthAppSettings {
  const app = deps.settings.oauth;
  if (!app) {
    throw new RequestError(
      'oauth_not_configured',
      'connecting with OAuth needs the OAuth 2.0 (3LO) app registered in Atlassian’s developer console: set PALISADE_OAUTH_CLIENT_ID, PALISADE_OAUTH_CLIENT_SECRET and PALISADE_OAUTH_REDIRECT_URL',
    );
  }
  return app;
}

/** The consent is bound to a browser session: a personal API token has none to bind the state to. */
function sessionOf(
  request: FastifyRequest,
): Extract<Principal['via'], { kind: 'session' }> & { userId: string } {
  const principal = request.principal;
  if (principal?.via.kind !== 'session') {
    throw new RequestError(
      'not_permitted',
      'the OAuth consent runs in a browser signed in to Palisade, not with a personal API token',
    );
  }
  return { ...principal.via, userId: principal.user.id };
}

async function existingConnection(
  deps: ServerDeps,
  connectionId: string | undefined,
): Promise<string | null> {
  if (!connectionId) return null;
  if (!(await getConnection(deps.db, connectionId))) {
    throw new RequestError('connection_not_found', `there is no connection ${connectionId}`);
  }
  return connectionId;
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export const oauthModule: ServerModule = {
  name: 'oauth',
  async register(app, deps) {
    await app.register(formbody);

    app.get(
      START,
      {
        config: { access: 'connections:manage' },
        schema: {
          tags: ['connections'],
          summary:
            'Palisade’s consent page for an OAuth connection: every read-only scope and the data it collects (HTML; JSON with Accept: application/json)',
          querystring: ConnectionQuery,
          response: { 200: StartAnswer },
        },
      },
      async (request, reply) => {
        const connectionId = await existingConnection(deps, request.query.connectionId);
        // The JSON answer is the consent step of both methods (the UI's Add): the token form
        // shows the same catalogue even when no OAuth app is configured.
        if (wantsJson(request)) {
          return {
            readOnly: true as const,
            scopes: CONSENT_SCOPES.map((s) => ({ ...s })),
            authorizeUrl: AUTHORIZE,
            appInventoryNeedsApiToken: true as const,
            oauthConfigured: deps.settings.oauth !== undefined,
          };
        }
        oauthApp(deps);
        const via = request.principal?.via;
        const page = consentPage({
          csrfToken: via?.kind === 'session' ? via.csrfToken : '',
          connectionId,
          action: AUTHORIZE,
        });
        // A string with its own content type is sent as it is (the schema describes the JSON answer).
        // Its form's 303 goes on to Atlassian, and Chromium checks `form-action` on that redirect too.
        const auth = new URL(deps.settings.baseUrls.auth).origin;
        const csp = (PAGE_HEADERS['content-security-policy'] ?? '').replace(
          "form-action 'self'",
          `form-action 'self' ${auth}`,
        );
        return reply
          .headers({ ...PAGE_HEADERS, 'content-security-policy': csp })
          .type(HTML)
          .send(page as unknown as z.infer<typeof StartAnswer>);
      },
    );

    app.post(
      AUTHORIZE,
      {
        config: { access: 'connections:manage', audit: 'connection.oauth.start' },
        schema: {
          tags: ['connections'],
          summary:
            'Starts the consent: redirects (303) to Atlassian’s /authorize with every scope, offline_access and a state bound to the session (JSON with Accept: application/json: where to go)',
          body: AuthorizeBody,
          response: { 200: AuthorizeAnswer },
        },
      },
      async (request, reply) => {
        const client = oauthApp(deps);
        const session = sessionOf(request);
        const connectionId = await existingConnection(deps, request.body?.connectionId);
        const state = await createOAuthState(
          deps.db,
          { sessionHash: session.sessionHash, userId: session.userId },
          connectionId,
          deps.now(),
        );
        const url = new URL(`${deps.settings.baseUrls.auth.replace(/\/+$/, '')}/authorize`);
        url.search = new URLSearchParams({
          audience: 'api.atlassian.com',
          client_id: client.clientId,
          scope: requestedScopes(),
          redirect_uri: client.redirectUrl,
          state,
          response_type: 'code',
          prompt: 'consent',
        }).toString();
        noteAudit(request, {
          subject: connectionId ? `connection:${connectionId}` : 'connection:new',
          ...(connectionId ? { connectionId } : {}),
          details: { reconnect: connectionId !== null },
        });
        // The web UI navigates itself: a form's redirect to another origin is refused by its CSP
        // (form-action 'self' applies to redirects in Chromium).
        if (wantsJson(request)) return reply.code(200).send({ redirectUrl: url.toString() });
        // (The schema describes the JSON answer; the redirect has no body.)
        return (reply as unknown as FastifyReply).code(303).header('location', url.toString()).send();
      },
    );

    app.get(
      CALLBACK,
      {
        config: { access: 'connections:manage', audit: 'connection.oauth.connect' },
        schema: {
          tags: ['connections'],
          summary:
            'Atlassian’s redirect after the consent: exchanges the code, reads the sites, creates or reconnects the connection and redirects (303) to the Integrations page',
          querystring: CallbackQuery,
        },
      },
      async (request, reply) => callback(deps, request as CallbackRequest, reply),
    );
  },
};

type CallbackRequest = FastifyRequest<{ Querystring: z.infer<typeof CallbackQuery> }>;

async function callback(
  deps: ServerDeps,
  request: CallbackRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const client = oauthApp(deps);
  const session = sessionOf(request);
  const integrations = `${deps.settings.publicUrl.replace(/\/+$/, '')}/integrations`;
  const fail = (code: string, reason: string, connectionId?: string | null) => {
    // The reason goes to the log (never the code or a token: neither is in it); the person sees the code.
    request.log.warn({ oauthError: code, reason }, 'OAuth connection not completed');
    noteAudit(request, {
      subject: connectionId ? `connection:${connectionId}` : 'connection:new',
      ...(connectionId ? { connectionId } : {}),
      details: { outcome: 'error', error: code },
    });
    return reply
      .code(303)
      .header('location', `${integrations}?error=${encodeURIComponent(code)}`)
      .send();
  };
  const { state, code, error } = request.query;
  if (!state) return fail('oauth_state_invalid', 'the callback carries no state');
  const owner = { sessionHash: session.sessionHash, userId: session.userId };
  const consumed = await consumeOAuthState(deps.db, state, owner, deps.now());
  if (!consumed.ok) return fail('oauth_state_invalid', `the state is ${consumed.reason.replace('_', ' ')}`);
  if (error) {
    return error === 'access_denied'
      ? fail('oauth_declined', 'the person declined the consent at Atlassian', consumed.connectionId)
      : fail('oauth_exchange_failed', `Atlassian answered the consent with ${error}`, consumed.connectionId);
  }
  if (!code) return fail('oauth_exchange_failed', 'the callback carries no code', consumed.connectionId);
  let connected: Awaited<ReturnType<typeof completeConsent>>;
  try {
    connected = await completeConsent(
      {
        db: deps.db,
        secretBox: deps.secretBox,
        allowHosts: deps.settings.allowHosts,
        baseUrls: deps.settings.baseUrls,
        now: deps.now,
        client,
      },
      { code, connectionId: consumed.connectionId, by: session.userId },
    );
  } catch (e) {
    // Atlassian's error texts are not ours: never let one carry the code or the secret into the log.
    const scrub = (text: string) =>
      text.split(code).join('[code]').split(client.clientSecret).join('[secret]');
    const errorCode =
      e instanceof OAuthConnectError
        ? e.code
        : e instanceof PalisadeError
          ? String(e.code)
          : 'internal_error';
    return fail(errorCode, scrub(e instanceof Error ? e.message : 'unknown error'), consumed.connectionId);
  }
  const { connectionId, created } = connected;
  try {
    await deps.scans.request({ connectionId, trigger: created ? 'first' : 'reconnect', by: session.userId });
  } catch (e) {
    // A scan already queued or running (a reconnect during a scan) is no reason to fail the consent.
    request.log.warn(
      { connectionId, reason: e instanceof Error ? e.message : String(e) },
      'scan not requested',
    );
  }
  noteAudit(request, {
    subject: `connection:${connectionId}`,
    connectionId,
    details: { outcome: created ? 'created' : 'reconnected', sites: connected.sites },
  });
  return reply
    .code(303)
    .header('location', `${integrations}?connected=${encodeURIComponent(connectionId)}`)
    .send();
}

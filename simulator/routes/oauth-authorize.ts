import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimContext } from '../core/context.ts';
import type { SimState } from '../core/state.ts';
import { type Call, type Registrar, Respond } from '../http/serve.ts';
import type { Site, User } from '../tenant/model.ts';
import { consentPage, errorPage, HTML, PAGE_HEADERS } from './oauth-consent-page.ts';
import { createGrant, issueCode } from './oauth-grants.ts';
import {
  type AuthorizationRequest,
  type Params,
  param,
  readAuthorizationRequest,
  redirectWith,
} from './oauth-request.ts';
import { describeScope } from './oauth-scopes.ts';

// The consent flow of auth.atlassian.com: GET /authorize shows the consent page, the page posts
// the person's decision to POST /authorize (a simulator stand-in for Atlassian's login and consent
// screens, registered on the listener directly rather than in the endpoint catalogue).
// https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#1--direct-the-user-to-the-authorization-url-to-get-an-authorization-code

type OkRequest = Extract<AuthorizationRequest, { kind: 'ok' }>;

function siteLabel(ctx: SimContext, site: Site): string {
  const url = ctx.urls.sites.get(site.id) ?? `https://${site.name}.atlassian.net`;
  const products = [site.jira ? 'Jira' : '', site.confluence ? 'Confluence' : ''].filter(Boolean).join(', ');
  return `${site.title} — ${url} (${products})`;
}

function renderConsent(
  ctx: SimContext,
  request: OkRequest,
  extra: { site?: string; email?: string; error?: string },
) {
  return consentPage({
    appName: request.client.name,
    scopes: request.scopes.map(describeScope),
    sites: ctx.state.tenant.sites.map((s) => ({ id: s.id, label: siteLabel(ctx, s) })),
    request: request.fields,
    selectedSite: extra.site,
    email: extra.email,
    error: extra.error,
  });
}

/** The user behind an e-mail and API token, as Basic authentication would accept them. */
function signIn(state: SimState, email: string, apiToken: string, now: number): User | undefined {
  const user = state.usersByEmail.get(email.trim().toLowerCase());
  const token = state.tokensBySecret.get(apiToken.trim());
  if (!user || !token || token.accountId !== user.accountId || token.revoked) return undefined;
  if (token.expiry && Date.parse(token.expiry) <= now) return undefined;
  if (user.accountStatus !== 'active') return undefined;
  return user;
}

/** A person may grant access to a site where they can use at least one of its products. */
function mayUseSite(state: SimState, user: User, site: Site): boolean {
  return (
    (!!site.jira && state.roleOn(user, site.id, 'jira') !== 'none') ||
    (!!site.confluence && state.roleOn(user, site.id, 'confluence') !== 'none')
  );
}

function showConsent(call: Call): Respond {
  Object.assign(call.responseHeaders, PAGE_HEADERS);
  const request = readAuthorizationRequest(call.ctx.state, call.query);
  if (request.kind === 'page-error') return new Respond(400, errorPage(request.message), HTML);
  if (request.kind === 'redirect-error') {
    call.responseHeaders.location = redirectWith(request.redirectUri, {
      error: request.error,
      error_description: request.description,
      state: request.state,
    });
    return new Respond(302, undefined);
  }
  call.responseHeaders['content-security-policy'] = consentCsp(request.redirectUri);
  return new Respond(200, renderConsent(call.ctx, request, {}), HTML);
}

/**
 * The consent form posts here and is redirected to the app's callback: Chromium applies
 * `form-action` to that redirect too, so the (registered, already matched) callback's origin is
 * allowed besides 'self', as on Atlassian's own consent page.
 */
function consentCsp(redirectUri: string): string {
  return (PAGE_HEADERS['content-security-policy'] ?? '').replace(
    "form-action 'self'",
    `form-action 'self' ${new URL(redirectUri).origin}`,
  );
}

function decide(ctx: SimContext, body: Params, reply: FastifyReply): FastifyReply {
  reply.headers(PAGE_HEADERS);
  const request = readAuthorizationRequest(ctx.state, body);
  if (request.kind === 'page-error') return reply.code(400).type(HTML).send(errorPage(request.message));
  if (request.kind === 'redirect-error') {
    const location = redirectWith(request.redirectUri, {
      error: request.error,
      error_description: request.description,
      state: request.state,
    });
    return reply.code(302).header('location', location).send();
  }
  reply.header('content-security-policy', consentCsp(request.redirectUri));
  if (param(body, 'decision') !== 'approve') {
    const location = redirectWith(request.redirectUri, {
      error: 'access_denied',
      error_description: 'The user denied access to the app.',
      state: request.state,
    });
    return reply.code(302).header('location', location).send();
  }

  const now = ctx.now();
  const email = param(body, 'email') ?? '';
  const siteId = param(body, 'site') ?? '';
  const again = (status: number, error: string) =>
    reply
      .code(status)
      .type(HTML)
      .send(renderConsent(ctx, request, { site: siteId, email, error }));
  const user = signIn(ctx.state, email, param(body, 'api_token') ?? '', now);
  if (!user) return again(401, 'Incorrect e-mail address or API token.');
  const site = ctx.state.sitesById.get(siteId);
  if (!site) return again(400, 'Choose a site to use the app on.');
  if (!mayUseSite(ctx.state, user, site)) {
    return again(
      403,
      `You don't have access to ${site.title}. Choose another site or ask an admin for access.`,
    );
  }

  const grant = createGrant(ctx.state, request.client.clientId, user.accountId, request.scopes, site.id);
  const code = issueCode(ctx.state, grant, request.redirectUri, now);
  return reply
    .code(302)
    .header('location', redirectWith(request.redirectUri, { code, state: request.state }))
    .send();
}

export function authorizeRoutes(app: FastifyInstance, ctx: SimContext, r: Registrar): void {
  r.serve('oauth.authorize.get', showConsent);
  app.post('/authorize', async (request, reply) => decide(ctx, (request.body ?? {}) as Params, reply));
}

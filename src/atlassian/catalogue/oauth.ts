import type { Endpoint } from './endpoint.ts';

// OAuth 2.0 (3LO). https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
export const oauthEndpoints = [
  {
    id: 'oauth.authorize.get',
    host: 'auth',
    product: 'oauth',
    method: 'GET',
    path: '/authorize',
    auth: ['anonymous'],
    oauthScopes: [],
    pagination: 'none',
    purpose: 'The consent page a person approves to connect Palisade.',
  },
  {
    id: 'oauth.token.exchange',
    host: 'auth',
    product: 'oauth',
    method: 'POST',
    path: '/oauth/token',
    auth: ['anonymous'],
    oauthScopes: [],
    pagination: 'none',
    purpose: 'Exchange an authorization code or a refresh token for an access token.',
  },
  {
    id: 'oauth.accessibleResources.list',
    host: 'api',
    product: 'oauth',
    method: 'GET',
    path: '/oauth/token/accessible-resources',
    auth: ['oauth'],
    oauthScopes: [],
    pagination: 'none',
    purpose: 'The sites (cloud ids) a 3LO token may reach, with its scopes.',
  },
] as const satisfies readonly Endpoint[];

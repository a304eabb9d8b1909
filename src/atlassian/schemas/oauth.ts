import { z } from 'zod';

// OAuth 2.0 (3LO) responses, which have no OpenAPI spec. Shapes from the docs and the simulator
// (simulator/routes/oauth-accessible-resources.ts, oauth-grants.ts).

/**
 * `GET https://api.atlassian.com/oauth/token/accessible-resources`: one entry per site and
 * product, so a cloud id may appear twice (with each product's scopes).
 * https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/
 */
export const accessibleResources = z.array(
  z.looseObject({
    id: z.string(),
    url: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    avatarUrl: z.string().optional(),
  }),
);

/**
 * `POST https://auth.atlassian.com/oauth/token`. `refresh_token` only with `offline_access`, and
 * a new one on each refresh (rotating refresh tokens).
 * https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens/
 */
export const oauthToken = z.looseObject({
  access_token: z.string(),
  expires_in: z.number(),
  token_type: z.string(),
  scope: z.string().optional(),
  refresh_token: z.string().optional(),
});

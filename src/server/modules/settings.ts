import { z } from 'zod';
import { PERMISSIONS, RIGHTS, ROLES } from '../../people/roles.ts';
import type { ServerModule } from '../server-module.ts';

// What the Settings page shows read-only: the roles table (src/people/roles.ts, the source of
// docs/permissions.md), and what the operator set in the environment — the scan schedule's
// default and the OAuth 2.0 (3LO) app. Every signed-in person may read it (the same
// people see each connection's own interval): the client id and redirect URL are no secret — the
// browser sees both on Atlassian's consent screen — and the client secret never leaves the server.

const Settings = z.object({
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(
    z.object({
      permission: z.string(),
      description: z.string(),
      roles: z.array(z.enum(ROLES)),
      /** A right: granted per person by an owner or admin, held by no role. */
      right: z.boolean(),
    }),
  ),
  schedule: z.object({
    /** PALISADE_SCAN_INTERVAL: how often a connection without its own interval is rescanned. */
    defaultIntervalSeconds: z.number(),
    /** PALISADE_EXCESSIVE_SYNC: a sync slower than this shows as excessive. */
    excessiveSyncSeconds: z.number(),
    variable: z.literal('PALISADE_SCAN_INTERVAL'),
  }),
  oauth: z.object({
    configured: z.boolean(),
    clientId: z.string().nullable(),
    redirectUrl: z.string().nullable(),
    /** The environment variables that set the app (all three, or none). */
    variables: z.array(z.string()),
  }),
});

export const OAUTH_VARIABLES = [
  'PALISADE_OAUTH_CLIENT_ID',
  'PALISADE_OAUTH_CLIENT_SECRET',
  'PALISADE_OAUTH_REDIRECT_URL',
];

export const settingsModule: ServerModule = {
  name: 'settings',
  register(app, deps) {
    app.get(
      '/api/v1/settings',
      {
        config: { access: 'connections:read' },
        schema: {
          tags: ['settings'],
          summary:
            "The environment's settings shown in the UI: the default scan schedule, the OAuth app (never its secret)",
          response: { 200: Settings },
        },
      },
      async () => {
        const { scanIntervalMs, excessiveSyncMs, oauth } = deps.settings;
        return {
          roles: [...ROLES],
          permissions: Object.entries(PERMISSIONS).map(([permission, { description, roles }]) => ({
            permission,
            description,
            roles: [...roles],
            right: (RIGHTS as readonly string[]).includes(permission),
          })),
          schedule: {
            defaultIntervalSeconds: Math.round(scanIntervalMs / 1000),
            excessiveSyncSeconds: Math.round(excessiveSyncMs / 1000),
            variable: 'PALISADE_SCAN_INTERVAL' as const,
          },
          oauth: {
            configured: oauth !== undefined,
            clientId: oauth?.clientId ?? null,
            redirectUrl: oauth?.redirectUrl ?? null,
            variables: OAUTH_VARIABLES,
          },
        };
      },
    );
  },
};

// Attestation subjects for Bitbucket Cloud workspace settings the Bitbucket REST API does not
// expose (src/inventory/datasets/bitbucket.ts lists what it lacks): the workspace's plan and its
// Access controls (Premium), its access tokens (no list endpoint: BCLOUD-23192), and the apps and
// OAuth consumers it has granted access to. Each is per workspace (the Bitbucket connection's one
// site): a workspace admin records what the workspace settings pages show. Rules in
// catalogue/bitbucket require them.
// https://support.atlassian.com/bitbucket-cloud/docs/control-access-to-private-content-in-a-workspace/
// https://jira.atlassian.com/browse/BCLOUD-23192
import { z } from 'zod';
import { type AttestationSubject, defineSubject } from './attestation-subject.ts';

/** A day as the settings page shows it (`2025-06-01`), or a full timestamp. */
const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const accessToken = z.strictObject({
  /** The token's name as listed; names identify tokens in results, so they must be unique. */
  name: z.string().min(1),
  /** Where it was created: a workspace, project or repository access token. */
  level: z.enum(['workspace', 'project', 'repository']),
  /** The project key or the repository's `workspace/slug`; absent for workspace tokens. */
  owner: z.string().min(1).optional(),
  createdAt: day,
  /** Null: never used; absent: not recorded. */
  lastUsedAt: day.nullable().optional(),
  /** Null: the token never expires. */
  expiresAt: day.nullable().optional(),
  /** The scopes it was created with (`repository:write`, `pullrequest`, `webhook`…). */
  scopes: z.array(z.string().min(1)).optional(),
});

const integration = z.strictObject({
  /** The name the settings page lists; names identify integrations in results, so they must be unique. */
  name: z.string().min(1),
  /** `app`: an installed (Connect or Forge) app; `oauth-consumer`: an OAuth consumer of the workspace. */
  kind: z.enum(['app', 'oauth-consumer']),
  /** The permissions (scopes) it holds as Bitbucket shows them: `repository:write`, `account`, `pipeline:variable`… */
  scopes: z.array(z.string().min(1)),
});

export const BITBUCKET_SUBJECTS = {
  'attested.bitbucket-access-controls': defineSubject({
    title: 'Bitbucket workspace plan and access controls',
    scope: 'site',
    whereToFind:
      'In Bitbucket, Workspace settings → Plan details (the plan: Free, Standard or Premium), and Workspace ' +
      'settings → Access controls (Premium): whether "Require two-step verification" is selected, and whether ' +
      'IP allowlisting is on with the addresses it lists.',
    schema: z.strictObject({
      plan: z.enum(['free', 'standard', 'premium']),
      twoStepVerificationRequired: z.boolean().optional(),
      ipAllowlistEnabled: z.boolean().optional(),
      /** The allowlisted addresses and CIDR ranges, when allowlisting is on. */
      allowedIpRanges: z.array(z.string().min(1)).optional(),
    }),
    example: {
      plan: 'premium',
      twoStepVerificationRequired: true,
      ipAllowlistEnabled: true,
      allowedIpRanges: ['203.0.113.0/24'],
    },
  }),
  'attested.bitbucket-access-tokens': defineSubject({
    title: 'Bitbucket access tokens',
    scope: 'site',
    whereToFind:
      'In Bitbucket, Workspace settings → Security → Access tokens, and Access tokens in the settings of each ' +
      'project and repository: record every token with its creation date, last use, expiry and scopes. An ' +
      'empty list means the workspace has none.',
    schema: z
      .strictObject({ tokens: z.array(accessToken) })
      .refine(
        (v) => new Set(v.tokens.map((t) => t.name)).size === v.tokens.length,
        'give each token a unique name',
      ),
    example: {
      tokens: [
        {
          name: 'ci-release',
          level: 'repository',
          owner: 'acme/api',
          createdAt: '2025-01-15',
          lastUsedAt: '2025-05-30',
          expiresAt: null,
          scopes: ['repository:write'],
        },
      ],
    },
  }),
  'attested.bitbucket-integrations': defineSubject({
    title: 'Bitbucket apps and OAuth consumers',
    scope: 'site',
    whereToFind:
      'In Bitbucket, Workspace settings → Apps and features → Installed apps (each app and the permissions it ' +
      'was granted), and Workspace settings → Apps and features → OAuth consumers (each consumer and its ' +
      'permissions). An empty list means the workspace has none.',
    schema: z
      .strictObject({ integrations: z.array(integration) })
      .refine(
        (v) => new Set(v.integrations.map((i) => i.name)).size === v.integrations.length,
        'give each app and consumer a unique name',
      ),
    example: {
      integrations: [{ name: 'Deploy bot', kind: 'oauth-consumer', scopes: ['repository', 'pullrequest'] }],
    },
  }),
} as const satisfies Record<string, AttestationSubject>;

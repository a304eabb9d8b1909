import { z } from 'zod';

// The request and response shapes of the connections API (the Integrations window). A response
// never carries a secret: of a key only its last 4 characters.

const email = z.string().trim().min(3).max(320).email();
const secret = z.string().trim().min(1).max(4096);

export const ApiTokenMethod = z.object({
  method: z.literal('api-token'),
  adminEmail: email.optional(),
  apiToken: secret.optional(),
  orgId: z.string().trim().min(1).max(200).optional(),
  orgApiKey: secret.optional(),
  siteUrls: z.array(z.string().trim().min(1).max(2048)).max(100).optional(),
});

/** The OAuth method is created by its consent flow, not here; accepted so the answer can point there. */
export const OAuthMethod = z.object({ method: z.literal('oauth') }).loose();

/**
 * A Bitbucket Cloud workspace (`kind: "bitbucket"`): its slug, and its workspace access token or a
 * workspace admin's e-mail and API token.
 */
export const BitbucketConnection = z.object({
  kind: z.literal('bitbucket'),
  method: z.literal('api-token').optional(),
  workspace: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'a workspace slug: letters, digits, - and _'),
  accessToken: secret.optional(),
  adminEmail: email.optional(),
  apiToken: secret.optional(),
});

/**
 * A Jira or Confluence Data Center instance (`kind: "data-center"`): its base URL (context path
 * included; the operator allow-lists its host) and a personal access token, a system
 * administrator's to read every dataset.
 */
export const DataCenterConnection = z.object({
  kind: z.literal('data-center'),
  method: z.literal('api-token').optional(),
  baseUrl: z.string().trim().min(1).max(2048),
  personalAccessToken: secret,
});

export const CreateConnectionBody = z.union([
  BitbucketConnection,
  DataCenterConnection,
  z.discriminatedUnion('method', [ApiTokenMethod, OAuthMethod]),
]);

export const ConnectionIdParams = z.object({ id: z.string().min(1).max(200) });

export const ConfirmBody = z.object({ confirm: z.boolean().optional() });

export const CredentialsBody = z.object({
  adminEmail: email.optional(),
  apiToken: secret.optional(),
  orgApiKey: secret.optional(),
  /** A Bitbucket workspace's new access token. */
  accessToken: secret.optional(),
  /** A Data Center instance's new personal access token. */
  personalAccessToken: secret.optional(),
  /** A Data Center instance's new address (the same instance: its own base URL must not change). */
  baseUrl: z.string().trim().min(1).max(2048).optional(),
  confirm: z.boolean().optional(),
});

export const DeleteQuery = z.object({ confirm: z.enum(['true', 'false']).optional() });

/** A site admin's e-mail and API token; a Data Center instance: a system administrator's personal access token. */
export const WriteConsentBody = z.union([
  z.object({ adminEmail: email, apiToken: secret }),
  z.object({ personalAccessToken: secret }),
]);

export const PatchConnectionBody = z.object({
  scanIntervalSeconds: z
    .number()
    .int()
    .min(15 * 60, 'the schedule is at least 15 minutes (900 seconds)')
    .max(30 * 86_400)
    .nullable(),
});

const LastSync = z.object({
  at: z.string(),
  durationSeconds: z.number(),
  excessive: z.boolean(),
  reason: z.string().optional(),
});

const Status = z.object({
  state: z.enum(['pending', 'in_progress', 'success', 'error']),
  reason: z.string().optional(),
  progress: z.object({ done: z.number(), total: z.number(), phase: z.string() }).optional(),
});

export const Connection = z.object({
  id: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string(),
  kind: z
    .enum(['atlassian', 'bitbucket', 'data-center'])
    .describe(
      'atlassian: an organization and its Cloud sites; bitbucket: a workspace; data-center: an instance',
    ),
  bitbucketCredential: z
    .enum(['access-token', 'api-token'])
    .optional()
    .describe(
      "a Bitbucket workspace's read credential: its workspace access token (replace with accessToken) or an admin's e-mail and API token (replace with apiToken)",
    ),
  method: z.enum(['api-token', 'oauth']),
  apiKey: z.object({ last4: z.string() }).nullable(),
  firstConnected: z.object({
    at: z.string(),
    by: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  lastSync: LastSync.nullable(),
  status: Status,
  domains: z.array(
    z.object({
      host: z.string(),
      cloudId: z.string(),
      products: z.array(
        z.enum(['jira', 'confluence', 'bitbucket', 'jira-data-center', 'confluence-data-center']),
      ),
      lastSync: LastSync.nullable(),
      status: Status,
    }),
  ),
  writeConsent: z.object({ granted: z.boolean(), last4: z.string().optional() }),
  scanIntervalSeconds: z.number(),
});

export const Permission = z.object({
  dataset: z.string(),
  scope: z.string(),
  product: z
    .enum(['jira', 'confluence', 'bitbucket', 'jira-data-center', 'confluence-data-center'])
    .optional(),
  readable: z.boolean(),
  reason: z.string().optional(),
});

export const ConnectionWithPermissions = Connection.extend({ permissions: z.array(Permission) });

/** The domain whose last sync needs a look most: the most excessive, else one never synced, else the oldest. */
const WorstLastSync = z.object({
  connectionId: z.string(),
  host: z.string(),
  lastSync: LastSync.nullable(),
  excessive: z.boolean(),
  reason: z.string().nullable(),
});

export const ConnectionList = z.object({
  connections: z.array(Connection),
  worstLastSync: WorstLastSync.nullable(),
  worstLastSyncByKind: z
    .object({
      atlassian: WorstLastSync.optional(),
      bitbucket: WorstLastSync.optional(),
      'data-center': WorstLastSync.optional(),
    })
    .describe("per kind of connection, its domains' worst last sync (a kind without domains is absent)"),
});

export const Created = z.object({ connection: Connection, permissions: z.array(Permission) });

export const ConsentRedirect = z.object({ consentUrl: z.string() });

export const Accepted = z.object({ id: z.string(), state: z.literal('deleting') });

export const WriteConsent = z.object({
  writeConsent: z.object({ granted: z.boolean(), last4: z.string().optional() }),
});

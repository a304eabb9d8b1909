import { z } from 'zod';
import { APP_FRAMEWORKS } from '../../app-risk/model/app.ts';
import { CLASSIFICATION_STATES } from '../../app-risk/model/classification.ts';
import { RISK_BANDS } from '../../app-risk/model/score.ts';

// The request and response shapes of the apps API (apps.ts, apps-actions.ts).

/** A multi-valued filter: repeated (`?band=high&band=critical`) or comma-separated. */
const many = z.union([z.string().max(4000), z.array(z.string().max(400)).max(100)]).optional();
const connectionId = z.string().min(1).max(200);

/**
 * The three words people use for an app's standing, each a group of the model's states:
 * approved (sanctioned, risk-accepted), under_review (unreviewed, re-review), banned (unsanctioned,
 * or on the deny-list by the ban action).
 */
export const CLASSIFICATION_GROUPS = ['approved', 'under_review', 'banned'] as const;
export type ClassificationGroup = (typeof CLASSIFICATION_GROUPS)[number];

export const ListQuery = z.object({
  connectionId: connectionId.optional().describe('only this connection; default every connection'),
  band: many.describe(RISK_BANDS.join(', ')),
  framework: many.describe(APP_FRAMEWORKS.join(', ')),
  classification: many.describe(
    `${CLASSIFICATION_GROUPS.join(', ')}, or a state: ${CLASSIFICATION_STATES.join(', ')}`,
  ),
  site: many.describe('a site cloud id or host (acme.atlassian.net)'),
  vendor: many.describe('a vendor name (case-insensitive)'),
  installedBy: z
    .enum(['user', 'admin'])
    .optional()
    .describe('user: installed by a non-admin somewhere; admin: every installation by an admin'),
  q: z.string().max(200).optional().describe('free text over key, name and vendor'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional(),
});

export const AppParams = z.object({ key: z.string().min(1).max(400) });
export const AppQuery = z.object({
  connectionId: connectionId.optional().describe('needed only when several connections have the app'),
});

const Site = z.object({ cloudId: z.string(), url: z.string().nullable(), name: z.string().nullable() });

const Installation = z.object({
  connectionId: z.string(),
  site: Site,
  product: z.enum(['jira', 'confluence']),
  version: z.string().nullable(),
  enabled: z.boolean().nullable(),
  installKind: z.enum(['admin', 'user', 'unknown']),
  installedAt: z.string().nullable(),
});

const FactorSummary = z.object({
  id: z.string(),
  group: z.string(),
  status: z.enum(['applied', 'unknown', 'info']),
  contribution: z.number(),
  summary: z.string(),
});

const Classification = z.object({
  state: z.enum(CLASSIFICATION_STATES as [string, ...string[]]),
  group: z.enum(CLASSIFICATION_GROUPS),
  justification: z.string().nullable(),
  expiresAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const AppItem = z.object({
  key: z.string(),
  name: z.string(),
  vendor: z.string().nullable(),
  framework: z.enum(APP_FRAMEWORKS),
  connectionId: z.string(),
  connectionName: z.string(),
  snapshotVersion: z.number(),
  risk: z.object({
    score: z.number(),
    band: z.enum(RISK_BANDS),
    overridden: z.boolean(),
    factors: z.array(FactorSummary).describe('the factors that moved the score, largest first'),
  }),
  classification: Classification,
  banned: z.boolean(),
  installations: z.array(Installation),
  failingChecks: z.number().describe('failing per-app checks and policies'),
});

export const ListAnswer = z.object({
  items: z.array(AppItem),
  total: z.number(),
  nextCursor: z.string().nullable(),
});

const ScopeReach = z.object({
  scope: z.string(),
  capability: z.string(),
  resource: z.string(),
  personalData: z.boolean(),
  reaches: z.string().describe('what the scope lets the app reach, in one line'),
});

const Check = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: z.string().nullable(),
  status: z.string(),
  message: z.string(),
  site: z.string().describe('org, or the cloud id of the site'),
  resource: z.string(),
});

export const AppDetail = AppItem.extend({
  appId: z.string().nullable(),
  distribution: z.string(),
  versions: z.array(z.string()),
  scopesReadable: z.boolean(),
  scopes: z.array(ScopeReach),
  egress: z.object({
    kind: z.enum(['vendor-hosted', 'declared', 'none', 'unknown']),
    domains: z.array(z.string()),
    wildcard: z.boolean(),
  }),
  installations: z.array(
    Installation.extend({
      installer: z
        .object({
          accountId: z.string().nullable(),
          name: z.string().nullable(),
          isAdmin: z.boolean().nullable(),
          active: z.boolean().nullable(),
          source: z.string().nullable(),
        })
        .nullable(),
      userInstalledFlag: z.boolean().nullable(),
      license: z.object({ state: z.string(), type: z.string().nullable(), source: z.string().nullable() }),
      lastActivity: z.object({ at: z.string(), source: z.string() }).nullable(),
      disabledSince: z.string().nullable(),
      scopes: z.array(z.string()),
      egress: z.object({ kind: z.string(), domains: z.array(z.string()), wildcard: z.boolean() }),
    }),
  ),
  marketplace: z.object({
    status: z.enum(['listed', 'unlisted', 'unavailable', 'not-looked-up']),
    reason: z.string().nullable(),
    isAtlassian: z.boolean().nullable(),
    cloudFortified: z.boolean().nullable(),
    bugBounty: z.boolean().nullable(),
    topVendor: z.boolean().nullable(),
    cloudSecurityParticipant: z.boolean().nullable(),
    installs: z.number().nullable(),
    reviews: z.number().nullable(),
    stars: z.number().nullable(),
    latestVersion: z.string().nullable(),
    lastReleaseDate: z.string().nullable(),
    storesPersonalData: z.boolean().nullable(),
    storesDataOutsideAtlassian: z.boolean().nullable(),
    privacy: z.unknown(),
    declaredScopes: z.array(z.string()),
    readAt: z.string().nullable(),
  }),
  riskDetail: z.object({
    computed: z.object({
      score: z.number(),
      band: z.enum(RISK_BANDS),
      raw: z.number(),
      capability: z.number(),
      exposure: z.number(),
      trust: z.number(),
      governance: z.number(),
    }),
    factors: z.array(
      FactorSummary.extend({
        weight: z.object({ kind: z.enum(['points', 'multiplier']), value: z.number() }),
        evidence: z.array(z.string()),
      }),
    ),
    override: z
      .object({ score: z.number(), justification: z.string(), actor: z.string(), at: z.string() })
      .nullable(),
  }),
  classificationDetail: z.object({
    previousState: z.string().nullable(),
    reviewReason: z.unknown().describe('why an approved app went back to review, or null'),
    firstSeenAt: z.string(),
  }),
  ban: z.object({ reason: z.string(), bannedBy: z.string(), bannedAt: z.string() }).nullable(),
  checks: z.array(Check).describe('the failing (and undecidable) per-app checks and policies'),
});

export const AppAnswer = z.object({ app: AppDetail });

export const ClassificationBody = z.object({
  connectionId: connectionId.optional(),
  state: z.enum(['approved', 'under_review', 'banned', ...CLASSIFICATION_STATES] as [string, ...string[]]),
  justification: z.string().trim().min(1).max(2000).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe('risk-accepted only'),
});

export const OverrideBody = z.object({
  connectionId: connectionId.optional(),
  score: z.number().int().min(0).max(100),
  justification: z.string().trim().min(10).max(2000),
});

export const ClearOverrideQuery = z.object({
  connectionId: connectionId.optional(),
  justification: z.string().max(2000).optional(),
});

export const ConnectionQuery = z.object({ connectionId });

export const PolicyParams = z.object({ id: z.string().min(1).max(100) });

export const PolicyBody = z.object({
  connectionId,
  enabled: z.boolean().default(true),
  policy: z
    .record(z.string(), z.unknown())
    .describe('an app policy: { id, description, severity, when | onlyVendors | noDevelopmentMode }'),
});

const StoredPolicy = z.object({
  connectionId: z.string(),
  policy: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PolicyAnswer = z.object({ policy: StoredPolicy });
export const PolicyList = z.object({
  items: z.array(StoredPolicy),
  invalid: z.array(z.object({ connectionId: z.string(), id: z.string(), error: z.string() })),
});

export const BanAlertsQuery = z.object({
  connectionId: connectionId.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const BanAlertList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      connectionId: z.string(),
      appKey: z.string(),
      appName: z.string().nullable(),
      site: z.object({ cloudId: z.string(), url: z.string().nullable() }),
      product: z.enum(['jira', 'confluence', 'jira-data-center', 'confluence-data-center']),
      snapshotVersion: z.number(),
      detectedAt: z.string(),
      result: z.enum(['uninstalled', 'manual_required', 'failed', 'write_consent_required']),
      message: z.string(),
      ban: z.object({ by: z.string(), reason: z.string() }),
    }),
  ),
});

export const ACTIONS = [
  'disable',
  'enable',
  'uninstall',
  'ban',
  'unban',
  'block-user-installed-apps',
] as const;

export const ActionBody = z.object({
  action: z.enum(ACTIONS),
  connectionId,
  dryRun: z.boolean().default(false),
  reason: z.string().trim().min(1).max(2000).optional().describe('required for ban'),
  sites: z
    .array(z.string().min(1).max(400))
    .max(100)
    .optional()
    .describe('cloud ids or hosts; default every site'),
  products: z
    .array(z.enum(['jira', 'confluence', 'jira-data-center', 'confluence-data-center']))
    .max(4)
    .optional(),
});

const ActionStep = z.object({
  site: z.object({ cloudId: z.string(), url: z.string() }),
  product: z.enum(['jira', 'confluence', 'jira-data-center', 'confluence-data-center']).nullable(),
  appKey: z.string().nullable(),
  appName: z.string().nullable(),
  framework: z.string().nullable(),
  result: z.enum(['planned', 'succeeded', 'not_installed', 'no_change', 'failed', 'manual_required']),
  request: z
    .object({
      method: z.enum(['PUT', 'DELETE']),
      url: z.string(),
      contentType: z.string().optional(),
      body: z.object({ enabled: z.boolean() }).optional(),
    })
    .nullable(),
  manual: z.object({ reason: z.string(), steps: z.array(z.string()), docs: z.string() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const ActionAnswer = z.object({
  outcome: z.object({
    runId: z.string(),
    connectionId: z.string(),
    action: z.string(),
    appKey: z.string().nullable(),
    actor: z.object({ id: z.string(), name: z.string() }),
    at: z.string(),
    dryRun: z.boolean(),
    result: z.enum(['succeeded', 'failed', 'manual_required', 'no_change', 'dry_run']),
    snapshotVersion: z.number().nullable(),
    summary: z.string().describe('the outcome in words, as the CLI prints it'),
    steps: z.array(ActionStep),
    ban: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  }),
});

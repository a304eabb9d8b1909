import { catalogue } from '../../rules/catalogue/index.ts';
import type { RuleResult } from '../../rules/result.ts';
import type { RuleMeta } from '../../rules/rule-meta.ts';
import type { DatasetView, SiteFacts } from '../../rules/snapshot-view.ts';
import type { AppInput } from '../app-input.ts';
import type { BuildReportInput } from '../build-report.ts';

// A small report input written by hand, for the format tests that need no network: two sites, every
// result status, real rule metadata from the catalogue, an exception, a coverage gap, apps with
// risk factors, and hostile names (a spreadsheet formula, markup, quotes, commas, a line break) to
// prove each format escapes what a tenant can name.

export const SAMPLE_NOW = new Date('2025-06-01T12:00:00.000Z');

export const SAMPLE_SITES: readonly SiteFacts[] = [
  {
    cloudId: 'cloud-acme',
    name: 'acme',
    url: 'https://acme.atlassian.net',
    products: { jira: 'premium', confluence: 'standard' },
    hasCredential: true,
  },
  {
    cloudId: 'cloud-labs',
    name: 'acme-labs',
    url: 'https://acme-labs.atlassian.net',
    products: { jira: null },
    hasCredential: true,
  },
];

export const FORMULA_NAME = '=HYPERLINK("https://evil.example","open")';
export const MARKUP_NAME = '<img src=x onerror=alert(1)>';
export const QUOTED_NAME = 'Ada, "the" Admin';

/** The rules the sample's results come from. */
export const SAMPLE_RULE_IDS = [
  'jira_permission_scheme_no_anyone',
  'conf_no_anonymous_space_access',
  'org_no_dormant_admins',
  'org_domain_verified',
  'conf_space_admin_not_broad',
  'jira_team_managed_not_open',
  'org_app_requests_reviewed',
] as const;

export function sampleMetas(): RuleMeta[] {
  return SAMPLE_RULE_IDS.map((id) => {
    const entry = catalogue.find((e) => e.rule.meta.id === id);
    if (!entry) throw new Error(`sample rule ${id} is not in the catalogue`);
    return entry.rule.meta;
  });
}

function result(
  ruleId: (typeof SAMPLE_RULE_IDS)[number],
  status: RuleResult['status'],
  resource: RuleResult['resource'],
  message: string,
  extra: Partial<RuleResult> = {},
): RuleResult {
  return { ruleId, resource, status, message, basis: status === 'unknown' ? 'none' : 'complete', ...extra };
}

export function sampleResults(): RuleResult[] {
  return [
    result(
      'jira_permission_scheme_no_anyone',
      'fail',
      { type: 'permission-scheme', id: '10000', name: FORMULA_NAME, scope: 'cloud-acme' },
      `${FORMULA_NAME} grants BROWSE_PROJECTS to Anyone (used by ROAD).`,
      { evidence: { scheme: 10000 } },
    ),
    result(
      'jira_permission_scheme_no_anyone',
      'fail',
      { type: 'permission-scheme', id: '10001', name: MARKUP_NAME, scope: 'cloud-labs' },
      `${MARKUP_NAME} grants CREATE_ISSUES to Anyone.`,
    ),
    result(
      'conf_no_anonymous_space_access',
      'unknown',
      { type: 'site', id: 'cloud-acme', name: 'acme', scope: 'cloud-acme' },
      'Palisade was not allowed to read confluence.spaces (missing scope read:space:confluence).',
      {
        reasons: [
          {
            code: 'dataset_forbidden',
            dataset: 'confluence.spaces',
            scope: 'cloud-acme',
            missingScope: 'read:space:confluence',
            detail: null,
          },
        ],
      },
    ),
    result(
      'org_no_dormant_admins',
      'fail',
      { type: 'user', id: 'acc-1', name: QUOTED_NAME, scope: 'org' },
      `${QUOTED_NAME} is an org admin and was last active 94 days ago.\nRemove the role or re-activate.`,
    ),
    result(
      'org_no_dormant_admins',
      'excepted',
      { type: 'user', id: 'acc-2', name: 'Break Glass', scope: 'org' },
      'Break Glass is an org admin and was last active 200 days ago.',
      {
        exception: {
          id: 'exc-1',
          owner: 'security@acme.example',
          justification: 'Emergency account, sealed in the vault.',
          expiresAt: '2025-09-01T00:00:00.000Z',
        },
      },
    ),
    result(
      'org_domain_verified',
      'pass',
      { type: 'domain', id: 'd1', name: 'acme.example', scope: 'org' },
      'acme.example is verified.',
    ),
    result(
      'conf_space_admin_not_broad',
      'fail',
      { type: 'space', id: 'DOCS', name: 'Docs, shared', scope: 'cloud-acme' },
      'confluence-users administers Docs, shared.',
    ),
    result(
      'jira_team_managed_not_open',
      'fail',
      { type: 'project', id: '10042', name: '-1 Old Project', scope: 'cloud-acme' },
      '@channel: -1 Old Project is a team-managed project open to everyone on the site.',
    ),
    result(
      'org_app_requests_reviewed',
      'not_applicable',
      { type: 'org', id: 'org-1', name: 'Acme', scope: 'org' },
      'The control needs the Enterprise plan; the organization has the Premium plan.',
    ),
  ];
}

export function sampleDatasets(): Pick<DatasetView, 'name' | 'scope' | 'outcome'>[] {
  return [
    { name: 'org.users', scope: 'org', outcome: { status: 'ok' } },
    { name: 'org.domains', scope: 'org', outcome: { status: 'ok' } },
    { name: 'org.api-tokens', scope: 'org', outcome: { status: 'partial', reason: 'read for admins only' } },
    { name: 'jira.permission-schemes', scope: 'cloud-acme', outcome: { status: 'ok' } },
    { name: 'jira.permission-schemes', scope: 'cloud-labs', outcome: { status: 'ok' } },
    {
      name: 'confluence.spaces',
      scope: 'cloud-acme',
      outcome: { status: 'forbidden', missingScope: 'read:space:confluence', reason: 'HTTP 403' },
    },
    {
      name: 'jira.audit',
      scope: 'cloud-labs',
      outcome: { status: 'failed', reason: 'HTTP 500 after 5 attempts' },
    },
  ];
}

export function sampleApps(): AppInput[] {
  return [
    {
      key: 'com.bluefin.backup',
      name: 'Bluefin Backup',
      vendor: 'Bluefin Labs',
      framework: 'forge',
      sites: ['cloud-acme', 'cloud-labs'],
      scopes: ['manage:jira-configuration', 'read:jira-work'],
      installedBy: 'Riley Chen',
      installedAt: '2024-04-27T12:00:00.000Z',
      risk: {
        score: 100,
        band: 'Critical',
        factors: [
          { id: 'capability.admin', contribution: 90, evidence: 'manage:jira-configuration' },
          { id: 'egress.forge', contribution: 15, evidence: ['backup.bluefin.example'] },
        ],
      },
    },
    {
      key: 'com.example.old',
      name: MARKUP_NAME,
      vendor: null,
      framework: 'connect',
      sites: ['cloud-acme'],
      scopes: [],
      installedBy: null,
      installedAt: null,
      risk: null,
    },
  ];
}

export function sampleInput(overrides: Partial<BuildReportInput> = {}): BuildReportInput {
  return {
    generatedAt: SAMPLE_NOW,
    snapshot: {
      version: 7,
      org: { id: 'org-1', name: 'Acme', guard: 'standard', hasCredential: true },
      sites: SAMPLE_SITES,
      datasets: sampleDatasets(),
    },
    rules: sampleMetas(),
    results: sampleResults(),
    apps: sampleApps(),
    tool: { name: 'Palisade', version: '0.1.0' },
    ...overrides,
  };
}

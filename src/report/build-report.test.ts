import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuleResult } from '../rules/result.ts';
import { buildReport } from './build-report.ts';
import { ReportError } from './errors.ts';
import { REPORT_FORMATS, renderReport } from './formats.ts';
import { REPORT_SCHEMA_VERSION } from './model.ts';
import { SAMPLE_SITES, sampleInput, sampleResults } from './testing/sample-input.ts';
import { toolInfo } from './tool-info.ts';

const TOKEN = 'ATATT3xFfGF0-secret-token-value-0123456789';

test('a report carries the schema version, the tool, the time, the org and each site with its plans', () => {
  const report = buildReport(sampleInput());
  assert.equal(report.schemaVersion, REPORT_SCHEMA_VERSION);
  assert.deepEqual(report.tool, { name: 'Palisade', version: '0.1.0' });
  assert.equal(report.generatedAt, '2025-06-01T12:00:00.000Z');
  assert.equal(report.snapshotVersion, 7);
  assert.deepEqual(report.org, { id: 'org-1', name: 'Acme' });
  assert.deepEqual(report.sites, [
    {
      url: 'https://acme.atlassian.net',
      name: 'acme',
      cloudId: 'cloud-acme',
      products: ['jira', 'confluence'],
      plan: { jira: 'premium', confluence: 'standard' },
      sandbox: false,
    },
    {
      url: 'https://acme-labs.atlassian.net',
      name: 'acme-labs',
      cloudId: 'cloud-labs',
      products: ['jira'],
      plan: { jira: null },
      sandbox: false,
    },
  ]);
});

test('the tool version defaults to the one in package.json', () => {
  const { tool: _tool, ...input } = sampleInput();
  const report = buildReport(input);
  assert.equal(report.tool.name, 'Palisade');
  assert.equal(report.tool.version, toolInfo().version);
  assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
});

test('a scan without an org credential reports org as null', () => {
  const input = sampleInput();
  const report = buildReport({
    ...input,
    snapshot: { ...input.snapshot, org: { id: 'conn-1', name: 'conn', guard: null, hasCredential: false } },
  });
  assert.equal(report.org, null);
});

test('results name their site by URL, carry the rule title, severity and remediation, most severe first', () => {
  const report = buildReport(sampleInput());
  assert.deepEqual(
    report.results.map((r) => [r.severity, r.ruleId, r.status, r.site, r.resource.id]),
    [
      ['critical', 'conf_no_anonymous_space_access', 'unknown', 'https://acme.atlassian.net', 'cloud-acme'],
      ['critical', 'jira_permission_scheme_no_anyone', 'fail', 'https://acme-labs.atlassian.net', '10001'],
      ['critical', 'jira_permission_scheme_no_anyone', 'fail', 'https://acme.atlassian.net', '10000'],
      ['high', 'org_domain_verified', 'pass', null, 'd1'],
      ['high', 'org_no_dormant_admins', 'fail', null, 'acc-1'],
      ['high', 'org_no_dormant_admins', 'excepted', null, 'acc-2'],
      ['medium', 'conf_space_admin_not_broad', 'fail', 'https://acme.atlassian.net', 'DOCS'],
      ['low', 'jira_team_managed_not_open', 'fail', 'https://acme.atlassian.net', '10042'],
      ['low', 'org_app_requests_reviewed', 'not_applicable', null, 'org-1'],
    ],
  );
  const scheme = report.results.find((r) => r.resource.id === '10000')!;
  assert.equal(scheme.title, 'No permission scheme grants anything to Anyone (anonymous users)');
  assert.equal(scheme.area, 'jira');
  assert.ok(scheme.remediation.ui.length > 0);
  assert.ok(Array.isArray(scheme.remediation.api));
  assert.equal(scheme.exception, null);
  const excepted = report.results.find((r) => r.status === 'excepted')!;
  assert.deepEqual(excepted.exception, {
    owner: 'security@acme.example',
    justification: 'Emergency account, sealed in the vault.',
    expiresAt: '2025-09-01T00:00:00.000Z',
  });
});

test('the summary counts results by status and severity, and carries the posture scores by site URL', () => {
  const { summary } = buildReport(sampleInput());
  assert.deepEqual(summary.results.byStatus, {
    pass: 1,
    fail: 5,
    unknown: 1,
    not_applicable: 1,
    excepted: 1,
  });
  assert.equal(summary.results.total, 9);
  assert.deepEqual(summary.results.bySeverity.critical, {
    pass: 0,
    fail: 2,
    unknown: 1,
    not_applicable: 0,
    excepted: 0,
  });
  // Rules: critical scheme rule fails (10), critical space rule unknown (10), dormant admins fails (6),
  // domain passes (6), space admins fails (3), team-managed project fails (1): 6 earned of 36.
  assert.deepEqual(summary.scores.overall, {
    score: 17,
    earned: 6,
    possible: 36,
    rules: { pass: 1, fail: 4, unknown: 1, not_applicable: 1, excepted: 0 },
  });
  assert.equal(summary.postureScore, 17);
  assert.deepEqual(
    summary.scores.sites.map((s) => [s.site, s.score]),
    [
      ['https://acme-labs.atlassian.net', 0],
      ['https://acme.atlassian.net', 0],
    ],
  );
  assert.deepEqual(summary.apps, {
    total: 2,
    byBand: { critical: 1, high: 0, medium: 0, low: 0, unknown: 1 },
  });
  assert.deepEqual(summary.coverage, { datasets: 7, complete: 4, gaps: 3 });
});

test('coverage lists each dataset by site URL with why it was not read completely', () => {
  const report = buildReport(sampleInput());
  assert.deepEqual(
    report.coverage.filter((c) => c.status !== 'ok'),
    [
      { site: null, dataset: 'org.api-tokens', status: 'partial', reason: 'read for admins only' },
      {
        site: 'https://acme-labs.atlassian.net',
        dataset: 'jira.audit',
        status: 'failed',
        reason: 'HTTP 500 after 5 attempts',
      },
      {
        site: 'https://acme.atlassian.net',
        dataset: 'confluence.spaces',
        status: 'forbidden',
        reason: 'HTTP 403 (missing scope read:space:confluence)',
      },
    ],
  );
});

const workspace = (cloudId: string, product: string, name: string, sandbox = false) => ({
  id: `ari:cloud:${product}::site/${cloudId}`,
  cloudId,
  product,
  name,
  typeKey: product,
  status: 'online',
  hostUrl: `https://${name}.atlassian.net`,
  usage: 1,
  sandbox,
});

test('coverage names each site (and product) the organization lists that the scan did not read; a sandbox says so', () => {
  const input = sampleInput();
  const sites = input.snapshot.sites.map((s) => (s.cloudId === 'cloud-labs' ? { ...s, sandbox: true } : s));
  const report = buildReport({
    ...input,
    snapshot: {
      ...input.snapshot,
      sites,
      datasets: [
        ...input.snapshot.datasets,
        {
          name: 'org.workspaces',
          scope: 'org',
          outcome: { status: 'ok' },
          items: [
            workspace('cloud-acme', 'jira', 'acme'),
            workspace('cloud-labs', 'jira', 'acme-labs', true),
            workspace('cloud-labs', 'confluence', 'acme-labs', true),
            workspace('cloud-eu', 'confluence', 'acme-eu'),
            workspace('cloud-sbx', 'jira', 'acme-sandbox-1', true),
          ],
        },
      ],
    },
  });
  assert.deepEqual(
    report.coverage.filter((c) => c.status === 'not_collected'),
    [
      {
        site: 'https://acme-eu.atlassian.net',
        dataset: '*',
        status: 'not_collected',
        reason:
          'the organization lists this site (Confluence, cloud id cloud-eu) but the scan was not given it: nothing on it was read',
      },
      {
        site: 'https://acme-labs.atlassian.net',
        dataset: 'confluence.*',
        status: 'not_collected',
        reason: 'the organization lists Confluence on this sandbox site, but the scan did not read it',
      },
      {
        site: 'https://acme-sandbox-1.atlassian.net',
        dataset: '*',
        status: 'not_collected',
        reason:
          'the organization lists this sandbox site (Jira, cloud id cloud-sbx) but the scan was not given it: nothing on it was read',
      },
    ],
  );
  assert.deepEqual(
    report.sites.map((s) => [s.name, s.sandbox]),
    [
      ['acme', false],
      ['acme-labs', true],
    ],
  );
  assert.equal(report.summary.coverage.gaps, 3 + 3);
  const html = renderReport(report, 'html');
  assert.match(html, /acme-labs <span class="chip">sandbox<\/span>/);
  assert.match(html, /<td class="mono">every dataset<\/td>/);
});

test('no org workspace list (no org key, or forbidden) adds no site to coverage', () => {
  const input = sampleInput();
  const forbidden = {
    name: 'org.workspaces',
    scope: 'org',
    outcome: { status: 'forbidden' as const, missingScope: 'read:workspaces:admin', reason: null },
    items: [workspace('cloud-eu', 'confluence', 'acme-eu')],
  };
  const report = buildReport({
    ...input,
    snapshot: { ...input.snapshot, datasets: [...input.snapshot.datasets, forbidden] },
  });
  assert.deepEqual(
    report.coverage.filter((c) => c.dataset === '*'),
    [],
  );
});

test('apps carry their sites as URLs and a normalized risk band; an unscored app is unknown', () => {
  const report = buildReport(sampleInput());
  assert.deepEqual(report.apps[0], {
    key: 'com.bluefin.backup',
    name: 'Bluefin Backup',
    vendor: 'Bluefin Labs',
    framework: 'forge',
    sites: ['https://acme.atlassian.net', 'https://acme-labs.atlassian.net'],
    scopes: ['manage:jira-configuration', 'read:jira-work'],
    installedBy: 'Riley Chen',
    installedAt: '2024-04-27T12:00:00.000Z',
    risk: {
      score: 100,
      band: 'critical',
      factors: [
        { id: 'capability.admin', contribution: 90, evidence: 'manage:jira-configuration' },
        { id: 'egress.forge', contribution: 15, evidence: '["backup.bluefin.example"]' },
      ],
    },
  });
  assert.deepEqual(report.apps[1]?.risk, { score: null, band: 'unknown', factors: [] });
});

test('only the rules that were evaluated are listed, with their references and compliance controls', () => {
  const input = sampleInput();
  const report = buildReport({
    ...input,
    results: input.results.filter((r) => r.ruleId !== 'org_domain_verified'),
  });
  assert.ok(!report.rules.some((r) => r.id === 'org_domain_verified'));
  const scheme = report.rules.find((r) => r.id === 'jira_permission_scheme_no_anyone')!;
  assert.ok(scheme.references.length > 0);
  assert.ok(Object.keys(scheme.compliance).length > 0);
});

test('a result of a rule whose metadata is missing is refused with a coded error', () => {
  const input = sampleInput();
  assert.throws(
    () => buildReport({ ...input, rules: input.rules.filter((r) => r.id !== 'org_domain_verified') }),
    (e: unknown) =>
      e instanceof ReportError && e.code === 'unknown_rule' && /org_domain_verified/.test(e.message),
  );
});

test('a token-like value in a field the report does not know never reaches any format', () => {
  const input = sampleInput();
  // Credentials where a careless caller or rule might leave them: evidence, extra properties on a
  // result, a resource, an exception, the snapshot's org and sites, a dataset outcome, an app.
  const results = sampleResults().map((r) =>
    Object.assign({}, r, {
      evidence: { apiToken: TOKEN },
      credentials: { apiToken: TOKEN },
      resource: Object.assign({}, r.resource, { token: TOKEN }),
      ...(r.exception ? { exception: Object.assign({}, r.exception, { secret: TOKEN }) } : {}),
    }),
  ) as RuleResult[];
  const leaky = {
    ...input,
    results,
    snapshot: {
      ...input.snapshot,
      org: Object.assign({}, input.snapshot.org, { apiKey: TOKEN }),
      sites: SAMPLE_SITES.map((s) => Object.assign({}, s, { apiToken: TOKEN })),
      datasets: input.snapshot.datasets.map((d) => Object.assign({}, d, { items: [{ token: TOKEN }] })),
    },
    apps: (input.apps ?? []).map((a) =>
      Object.assign({}, a, { oauthSecret: TOKEN, risk: a.risk && Object.assign({}, a.risk, { key: TOKEN }) }),
    ),
  };
  const report = buildReport(leaky);
  for (const format of REPORT_FORMATS) {
    assert.ok(!renderReport(report, format).includes(TOKEN), `${format} leaks the token`);
  }
  assert.ok(!JSON.stringify(report).includes('ATATT3'));
});

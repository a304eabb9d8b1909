import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue } from '../rules/catalogue/index.ts';
import type { RuleMeta } from '../rules/rule-meta.ts';
import type { SiteFacts } from '../rules/snapshot-view.ts';
import { buildReport } from './build-report.ts';
import { combineReports } from './combine-reports.ts';
import { renderReport } from './formats.ts';
import { SAMPLE_NOW, sampleInput, sampleMetas } from './testing/sample-input.ts';
import { reportSchemaValidator } from './testing/validators.ts';

// The organization's report with a Bitbucket workspace's beside it: one report, the workspace's
// findings among the organization's, its org-level `unknown`s (scanned without the organization)
// left to the organization's own answers.

function meta(id: string): RuleMeta {
  const entry = catalogue.find((e) => e.rule.meta.id === id);
  assert.ok(entry, id);
  return entry.rule.meta;
}

const WORKSPACE: SiteFacts = {
  cloudId: '{ws-1}',
  name: 'acme',
  url: 'https://bitbucket.org/acme',
  products: { bitbucket: null },
  hasCredential: true,
};

function workspaceReport() {
  return buildReport({
    generatedAt: SAMPLE_NOW,
    snapshot: {
      version: 2,
      org: { id: '', name: '', guard: null, hasCredential: false },
      sites: [WORKSPACE],
      datasets: [
        { name: 'bitbucket.repositories', scope: WORKSPACE.cloudId, outcome: { status: 'ok' } },
        {
          name: 'org.users',
          scope: 'org',
          outcome: { status: 'forbidden', missingScope: null, reason: 'no org API key' },
        },
      ],
    },
    rules: [...sampleMetas(), meta('bb_no_public_repos')],
    results: [
      {
        ruleId: 'bb_no_public_repos',
        status: 'fail',
        resource: { type: 'repository', id: '{r-1}', name: 'acme/web', scope: WORKSPACE.cloudId },
        message: 'acme/web is public.',
        basis: 'complete',
      },
      {
        ruleId: 'org_domain_verified',
        status: 'unknown',
        resource: { type: 'org', id: 'org', scope: 'org' },
        message: 'No org API key.',
        basis: 'none',
      },
    ],
    apps: [],
  });
}

test("a workspace's findings join the organization's report, its sites and scores beside the org's", () => {
  const org = buildReport(sampleInput());
  const combined = combineReports(org, [workspaceReport()]);
  assert.deepEqual(
    combined.sites.map((s) => s.url),
    ['https://acme.atlassian.net', 'https://acme-labs.atlassian.net', 'https://bitbucket.org/acme'],
  );
  assert.ok(
    combined.results.some(
      (r) => r.ruleId === 'bb_no_public_repos' && r.status === 'fail' && r.site === WORKSPACE.url,
    ),
  );
  assert.ok(combined.rules.some((r) => r.id === 'bb_no_public_repos'));
  assert.deepEqual(
    combined.summary.scores.sites.map((s) => s.site),
    ['https://acme-labs.atlassian.net', 'https://acme.atlassian.net', 'https://bitbucket.org/acme'],
  );
  assert.ok(combined.summary.scores.products.some((p) => p.product === 'bitbucket'));
  assert.equal(combined.summary.results.total, org.summary.results.total + 1);
  assert.equal(combined.summary.results.byStatus.fail, org.summary.results.byStatus.fail + 1);
  assert.ok(
    combined.coverage.some((c) => c.site === WORKSPACE.url && c.dataset === 'bitbucket.repositories'),
  );
  assert.deepEqual([combined.org, combined.snapshotVersion], [org.org, org.snapshotVersion]);
  assert.deepEqual(reportSchemaValidator()(JSON.parse(renderReport(combined, 'json'))), []);
  assert.ok(renderReport(combined, 'html').includes('acme/web'));
});

test("a workspace's org-level unknowns do not overrule the organization's own results", () => {
  const org = buildReport(sampleInput());
  const combined = combineReports(org, [workspaceReport()]);
  const orgLevel = (r: typeof org) => r.results.filter((x) => x.site === null);
  assert.deepEqual(orgLevel(combined), orgLevel(org));
  assert.deepEqual(
    combined.coverage.filter((c) => c.site === null),
    org.coverage.filter((c) => c.site === null),
  );
  // The organization's own scores are what they were: only the workspace's site and product are added.
  const scoreOf = (r: typeof org, product: string) =>
    r.summary.scores.products.find((p) => p.product === product);
  assert.deepEqual(scoreOf(combined, 'org'), scoreOf(org, 'org'));
  assert.deepEqual(scoreOf(combined, 'jira'), scoreOf(org, 'jira'));
});

test('one report combined with none is that report', () => {
  const org = buildReport(sampleInput());
  assert.equal(combineReports(org, []), org);
});

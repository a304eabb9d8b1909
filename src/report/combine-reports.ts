import { postureScores } from '../findings/posture-score.ts';
import { compareApps, compareResults, compareRules } from './build-report.ts';
import { compareCoverage } from './coverage.ts';
import type { Report, ReportRule } from './model.ts';
import { summarize } from './summary.ts';

// Several connections' reports as one report, so one page shows an organization beside its
// Bitbucket workspace and its Data Center instances (the demo scans all four). The first report is
// the organization's: its tool, date, snapshot version and org, and its org-level results and
// coverage. The others add their sites, their sites' results and coverage, and their apps; their
// org-level entries are left out, because a workspace or an instance is scanned without the
// organization (run-scan.ts) and can only say `unknown` about what the first report answers. The
// summary is computed again over everything kept, as buildReport computes it.

export function combineReports(first: Report, others: readonly Report[]): Report {
  if (others.length === 0) return first;
  const siteOnly = <T extends { site: string | null }>(entries: readonly T[]): T[] =>
    entries.filter((e) => e.site !== null);

  const sites = [...first.sites];
  for (const site of others.flatMap((r) => r.sites)) {
    if (!sites.some((s) => s.url === site.url)) sites.push(site);
  }
  const results = [...first.results, ...others.flatMap((r) => siteOnly(r.results))].sort(compareResults);
  const evaluated = new Set(results.map((r) => r.ruleId));
  const rules = new Map<string, ReportRule>();
  for (const rule of [first, ...others].flatMap((r) => r.rules)) {
    if (evaluated.has(rule.id) && !rules.has(rule.id)) rules.set(rule.id, rule);
  }
  const apps = [first, ...others].flatMap((r) => r.apps).sort(compareApps);
  const coverage = [...first.coverage, ...others.flatMap((r) => siteOnly(r.coverage))].sort(compareCoverage);

  // Scored by site URL: the scope of a report result is its site, or the organization.
  const scored = results.map((r) => ({
    ruleId: r.ruleId,
    status: r.status,
    resource: { scope: r.site ?? 'org' },
  }));
  const ruleList = [...rules.values()].sort(compareRules);
  return {
    schemaVersion: first.schemaVersion,
    tool: first.tool,
    generatedAt: first.generatedAt,
    snapshotVersion: first.snapshotVersion,
    org: first.org,
    sites,
    rules: ruleList,
    results,
    apps,
    coverage,
    summary: summarize({
      scores: postureScores(scored, ruleList),
      siteUrl: (site) => site,
      results,
      apps,
      coverage,
    }),
  };
}

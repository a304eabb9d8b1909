import type { PostureScores, ScoreBreakdown } from '../findings/posture-score.ts';
import { RESULT_STATUSES } from '../rules/result.ts';
import { SEVERITIES, type Severity } from '../rules/severity.ts';
import {
  APP_RISK_BANDS,
  type AppRiskBand,
  type ReportApp,
  type ReportCoverage,
  type ReportResult,
  type ReportScore,
  type ReportSummary,
  type StatusCounts,
} from './model.ts';

// The summary block: posture scores (computed by src/findings, re-keyed by site URL) and counts.

export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(RESULT_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function score(breakdown: ScoreBreakdown): ReportScore {
  return {
    score: breakdown.score,
    earned: breakdown.earned,
    possible: breakdown.possible,
    rules: { ...emptyStatusCounts(), ...breakdown.rules },
  };
}

export function summarize(input: {
  scores: PostureScores;
  siteUrl: (cloudId: string) => string;
  results: readonly ReportResult[];
  apps: readonly ReportApp[];
  coverage: readonly ReportCoverage[];
}): ReportSummary {
  const byStatus = emptyStatusCounts();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, emptyStatusCounts()])) as Record<
    Severity,
    StatusCounts
  >;
  for (const r of input.results) {
    byStatus[r.status] += 1;
    bySeverity[r.severity][r.status] += 1;
  }
  const byBand = Object.fromEntries(APP_RISK_BANDS.map((b) => [b, 0])) as Record<AppRiskBand, number>;
  for (const app of input.apps) byBand[app.risk.band] += 1;
  const complete = input.coverage.filter((c) => c.status === 'ok').length;

  const overall = score(input.scores.org);
  return {
    postureScore: overall.score,
    scores: {
      overall,
      sites: Object.entries(input.scores.sites)
        .map(([cloudId, b]) => ({ site: input.siteUrl(cloudId), ...score(b) }))
        .sort((a, b) => a.site.localeCompare(b.site)),
      products: Object.entries(input.scores.products).map(([product, b]) => ({
        product,
        ...score(b as ScoreBreakdown),
      })),
    },
    results: { total: input.results.length, byStatus, bySeverity },
    apps: { total: input.apps.length, byBand },
    coverage: { datasets: input.coverage.length, complete, gaps: input.coverage.length - complete },
  };
}

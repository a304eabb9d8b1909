import { RISK_BANDS, type RiskBand } from '../app-risk/model/score.ts';
import type { Area } from '../rules/areas.ts';
import type { ResultStatus } from '../rules/result.ts';
import type { Severity } from '../rules/severity.ts';

// The report model: what every format is rendered from. It is the JSON report itself (so
// docs/report.schema.json describes exactly this), and it holds only fields copied one by one from
// the engine's outputs: nothing is spread from an input, so a value that is not a known field (a
// credential that slipped into evidence, an extra property) can never reach a report.

/** Bump the major version when a field is removed or changes meaning; the minor one when one is added. */
export const REPORT_SCHEMA_VERSION = '1.1.0';

/** The app risk bands (src/app-risk): `unknown` when an app's scopes are unreadable. */
export const APP_RISK_BANDS = RISK_BANDS;
export type AppRiskBand = RiskBand;

export const COVERAGE_STATUSES = ['ok', 'partial', 'forbidden', 'failed', 'not_collected'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export interface Report {
  schemaVersion: string;
  tool: { name: string; version: string };
  /** ISO 8601, UTC. */
  generatedAt: string;
  /** The inventory snapshot version the rules were evaluated on. */
  snapshotVersion: number;
  /** Null when the scan had no org credential (sites only). */
  org: { id: string; name: string } | null;
  sites: ReportSite[];
  /** The rules evaluated, with what SARIF, OCSF and the HTML say about each. */
  rules: ReportRule[];
  results: ReportResult[];
  apps: ReportApp[];
  coverage: ReportCoverage[];
  summary: ReportSummary;
}

export interface ReportSite {
  url: string;
  name: string;
  cloudId: string;
  /** `jira`, `jira-service-management`, `confluence`. */
  products: string[];
  /** Each product's plan (`free` … `enterprise`), null when Palisade could not tell. */
  plan: Record<string, string | null>;
  /** The org's workspace data marks it a sandbox (false when not, or when no org data was read). */
  sandbox: boolean;
}

export interface Remediation {
  /** Steps in the admin UI, in order. */
  ui: string[];
  /** Steps through the REST API; null when no public API can change the setting. */
  api: string[] | null;
}

export interface ReportRule {
  id: string;
  title: string;
  area: Area;
  severity: Severity;
  description: string;
  risk: string;
  remediation: Remediation;
  references: { title: string; url: string }[];
  /** Control ids per framework id (`cis-controls-v8`, `nist-800-53-r5`, `iso-27001-2022`, `soc2`). */
  compliance: Record<string, string[]>;
}

export interface ReportResult {
  ruleId: string;
  title: string;
  severity: Severity;
  area: Area;
  status: ResultStatus;
  /** The site URL, or null for an organization-level result. */
  site: string | null;
  resource: { type: string; id: string; name: string | null };
  message: string;
  remediation: Remediation;
  /** The exception that covers an `excepted` result; null otherwise. */
  exception: { owner: string; justification: string; expiresAt: string } | null;
}

export interface ReportAppRiskFactor {
  id: string;
  /** Points (or, for multipliers, the change in points) this factor adds to the score. */
  contribution: number;
  /** What triggered it: a scope string, an egress domain, a trust signal… */
  evidence: string;
}

export interface ReportApp {
  key: string;
  name: string;
  vendor: string | null;
  /** `connect`, `forge` or `plugin`. */
  framework: string;
  /** The URLs of the sites it is installed on. */
  sites: string[];
  scopes: string[];
  /** Who installed it (name, or account id when the name is unknown). */
  installedBy: string | null;
  installedAt: string | null;
  risk: { score: number | null; band: AppRiskBand; factors: ReportAppRiskFactor[] };
}

export interface ReportCoverage {
  /** The site URL, or null for an organization dataset. */
  site: string | null;
  /**
   * A dataset name; `*` for a site the organization lists that the scan did not read at all, and
   * `jira.*` / `confluence.*` for a product it lists on a scanned site that the scan did not read.
   */
  dataset: string;
  status: CoverageStatus;
  reason: string | null;
  /** What was read but differed from the documentation (a new enum value, say): never a gap. */
  warnings?: string[];
}

export type StatusCounts = Record<ResultStatus, number>;

export interface ReportScore {
  /** 0–100; null when no rule counted (see docs/scoring.md). */
  score: number | null;
  earned: number;
  possible: number;
  /** Rules by their verdict in this scope. */
  rules: StatusCounts;
}

export interface ReportSummary {
  /** The organization-wide posture score (the same as `scores.overall.score`). */
  postureScore: number | null;
  scores: {
    overall: ReportScore;
    sites: (ReportScore & { site: string })[];
    products: (ReportScore & { product: string })[];
  };
  /** Results (rule × resource) by status, and by severity then status. */
  results: { total: number; byStatus: StatusCounts; bySeverity: Record<Severity, StatusCounts> };
  apps: { total: number; byBand: Record<AppRiskBand, number> };
  coverage: { datasets: number; complete: number; gaps: number };
}

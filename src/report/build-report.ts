import { type PostureScores, postureScores } from '../findings/posture-score.ts';
import type { RuleResult } from '../rules/result.ts';
import type { RuleMeta } from '../rules/rule-meta.ts';
import { severityRank } from '../rules/severity.ts';
import type { OrgFacts, SiteFacts } from '../rules/snapshot-view.ts';
import type { AppInput, AppRiskInput } from './app-input.ts';
import { type CoverageDataset, coverageOf } from './coverage.ts';
import { ReportError } from './errors.ts';
import {
  APP_RISK_BANDS,
  type AppRiskBand,
  REPORT_SCHEMA_VERSION,
  type Remediation,
  type Report,
  type ReportApp,
  type ReportResult,
  type ReportRule,
  type ReportSite,
} from './model.ts';
import { summarize } from './summary.ts';
import { type ToolInfo, toolInfo } from './tool-info.ts';

// Maps the engine's outputs to the report model. Every field is picked by name: a report never
// carries anything its inputs held besides the fields listed in model.ts (no spreads of inputs,
// no rule evidence, no dataset items), which is what keeps credentials out of every format.

/** What the report reads of a snapshot: a SnapshotView (src/rules) satisfies it. */
export interface ReportSnapshotInput {
  version: number;
  org: OrgFacts;
  sites: readonly SiteFacts[];
  /** `org.workspaces` items, when given, add the org's sites the scan did not read to coverage. */
  datasets: readonly CoverageDataset[];
}

export interface BuildReportInput {
  generatedAt: Date;
  snapshot: ReportSnapshotInput;
  /** The metadata of the rules evaluated (rule.meta); results of other rules are refused. */
  rules: readonly RuleMeta[];
  /** The evaluation's results, after exceptions were applied (src/findings applyExceptions). */
  results: readonly RuleResult[];
  apps?: readonly AppInput[];
  /** Posture scores when already computed; computed from `results` and `rules` otherwise. */
  scores?: PostureScores;
  /** Defaults to Palisade and the version in package.json. */
  tool?: ToolInfo;
}

export function buildReport(input: BuildReportInput): Report {
  const { snapshot } = input;
  const urls = new Map(snapshot.sites.map((s) => [s.cloudId, s.url]));
  const scopeSite = (scope: string): string | null => (scope === 'org' ? null : (urls.get(scope) ?? scope));
  const metaById = new Map(input.rules.map((r) => [r.id, r]));

  const results = input.results.map((r) => toResult(r, metaById, scopeSite)).sort(compareResults);
  const evaluated = new Set(results.map((r) => r.ruleId));
  const rules = input.rules
    .filter((r) => evaluated.has(r.id))
    .map(toRule)
    .sort(compareRules);
  const apps = (input.apps ?? []).map((a) => toApp(a, scopeSite)).sort(compareApps);
  const coverage = coverageOf(snapshot.datasets, scopeSite, snapshot.sites);
  const tool = input.tool ?? toolInfo();

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version },
    generatedAt: input.generatedAt.toISOString(),
    snapshotVersion: snapshot.version,
    org: snapshot.org.hasCredential ? { id: snapshot.org.id, name: snapshot.org.name } : null,
    sites: snapshot.sites.map(toSite),
    rules,
    results,
    apps,
    coverage,
    summary: summarize({
      scores: input.scores ?? postureScores(input.results, input.rules),
      siteUrl: (cloudId) => urls.get(cloudId) ?? cloudId,
      results,
      apps,
      coverage,
    }),
  };
}

function toSite(site: SiteFacts): ReportSite {
  const plan: Record<string, string | null> = {};
  for (const [product, p] of Object.entries(site.products)) plan[product] = p ?? null;
  return {
    url: site.url,
    name: site.name,
    cloudId: site.cloudId,
    products: Object.keys(plan),
    plan,
    sandbox: site.sandbox === true,
  };
}

function remediationOf(meta: RuleMeta): Remediation {
  return { ui: [...meta.remediation.ui], api: meta.remediation.api ? [...meta.remediation.api] : null };
}

function toRule(meta: RuleMeta): ReportRule {
  const compliance: Record<string, string[]> = {};
  for (const [framework, controls] of Object.entries(meta.compliance)) {
    if (controls && controls.length > 0) compliance[framework] = [...controls];
  }
  return {
    id: meta.id,
    title: meta.title,
    area: meta.area,
    severity: meta.severity,
    description: meta.description,
    risk: meta.risk,
    remediation: remediationOf(meta),
    references: meta.references.map((r) => ({ title: r.title, url: r.url })),
    compliance,
  };
}

function toResult(
  result: RuleResult,
  metaById: ReadonlyMap<string, RuleMeta>,
  scopeSite: (scope: string) => string | null,
): ReportResult {
  const meta = metaById.get(result.ruleId);
  if (!meta) {
    throw new ReportError(
      'unknown_rule',
      `result of rule ${result.ruleId} has no rule metadata: pass the metadata of every rule evaluated`,
    );
  }
  return {
    ruleId: result.ruleId,
    title: meta.title,
    severity: meta.severity,
    area: meta.area,
    status: result.status,
    site: scopeSite(result.resource.scope),
    resource: { type: result.resource.type, id: result.resource.id, name: result.resource.name ?? null },
    message: result.message,
    remediation: remediationOf(meta),
    exception:
      result.status === 'excepted' && result.exception
        ? {
            owner: result.exception.owner,
            justification: result.exception.justification,
            expiresAt: result.exception.expiresAt,
          }
        : null,
  };
}

/** Most severe first, then by id. */
export function compareRules(a: ReportRule, b: ReportRule): number {
  return severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id);
}

/** Most severe first, then by rule, site and resource. */
export function compareResults(a: ReportResult, b: ReportResult): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.site ?? '').localeCompare(b.site ?? '') ||
    a.resource.type.localeCompare(b.resource.type) ||
    a.resource.id.localeCompare(b.resource.id, undefined, { numeric: true })
  );
}

function band(value: string): AppRiskBand {
  const lower = value.toLowerCase();
  return (APP_RISK_BANDS as readonly string[]).includes(lower) ? (lower as AppRiskBand) : 'unknown';
}

function evidenceText(evidence: unknown): string {
  if (evidence === undefined || evidence === null) return '';
  if (typeof evidence === 'string') return evidence;
  if (typeof evidence === 'number' || typeof evidence === 'boolean') return String(evidence);
  return JSON.stringify(evidence) ?? '';
}

function toRisk(risk: AppRiskInput | null): ReportApp['risk'] {
  if (!risk) return { score: null, band: 'unknown', factors: [] };
  return {
    score: risk.score,
    band: band(risk.band),
    factors: risk.factors.map((f) => ({
      id: f.id,
      contribution: f.contribution,
      evidence: evidenceText(f.evidence),
    })),
  };
}

function toApp(app: AppInput, scopeSite: (scope: string) => string | null): ReportApp {
  return {
    key: app.key,
    name: app.name,
    vendor: app.vendor,
    framework: app.framework,
    sites: app.sites.map((s) => scopeSite(s) ?? s),
    scopes: [...app.scopes],
    installedBy: app.installedBy,
    installedAt: app.installedAt,
    risk: toRisk(app.risk),
  };
}

/** Riskiest first, then by name. */
export function compareApps(a: ReportApp, b: ReportApp): number {
  return (b.risk.score ?? -1) - (a.risk.score ?? -1) || a.name.localeCompare(b.name);
}

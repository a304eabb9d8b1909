import { AREAS } from '../../rules/areas.ts';
import type { Severity } from '../../rules/severity.ts';
import type { Report, ReportResult, ReportRule } from '../model.ts';

// SARIF 2.1.0 (OASIS): one run, Palisade as the driver with every evaluated rule as a
// reportingDescriptor, and a result per failing, excepted or undecided check. Atlassian settings
// have no file and line, so results are located with logical locations (the site or the
// organization, then the resource), which the schema allows in place of physical ones.
//
// - fail     → kind `fail`, level from severity (critical/high error, medium warning, low note)
// - excepted → the same, with an accepted external suppression carrying the justification
// - unknown  → kind `open` (the tool could not decide; spec 3.27.9), level `none`
// Passing and not-applicable checks are left out: SARIF consumers list results as problems.

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub code scanning reads this property (0.1–10) to rank security results. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function helpText(rule: ReportRule): { text: string; markdown: string } {
  const ui = rule.remediation.ui.map((s, i) => `${i + 1}. ${s}`);
  const api = rule.remediation.api?.map((s, i) => `${i + 1}. ${s}`) ?? [];
  const refs = rule.references.map((r) => `- ${r.title}: ${r.url}`);
  const text = [
    rule.risk,
    '',
    'Fix in the admin UI:',
    ...ui,
    ...(api.length > 0 ? ['', 'Fix through the API:', ...api] : []),
    ...(refs.length > 0 ? ['', 'References:', ...refs] : []),
  ].join('\n');
  const md = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1');
  const markdown = [
    md(rule.risk),
    '',
    '**Fix in the admin UI**',
    '',
    ...ui.map(md),
    ...(api.length > 0 ? ['', '**Fix through the API**', '', ...api.map(md)] : []),
    ...(rule.references.length > 0
      ? ['', '**References**', '', ...rule.references.map((r) => `- [${md(r.title)}](<${r.url}>)`)]
      : []),
  ].join('\n');
  return { text, markdown };
}

function descriptor(rule: ReportRule): Json {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: helpText(rule),
    ...(rule.references[0] ? { helpUri: rule.references[0].url } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.area, ...Object.keys(rule.compliance)],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      area: AREAS[rule.area].title,
      compliance: rule.compliance,
    },
  };
}

/** The resource key Palisade uses across scans (src/rules resourceKey): stable for fingerprints. */
function resourcePath(result: ReportResult, orgId: string | null): string {
  const scope = result.site ?? `org:${orgId ?? 'unknown'}`;
  return `${scope}/${result.resource.type}/${result.resource.id}`;
}

function sarifResult(result: ReportResult, ruleIndex: number, orgId: string | null): Json {
  const path = resourcePath(result, orgId);
  const open = result.status === 'unknown';
  return {
    ruleId: result.ruleId,
    ruleIndex,
    kind: open ? 'open' : 'fail',
    level: open ? 'none' : LEVEL[result.severity],
    message: { text: result.message },
    locations: [
      {
        logicalLocations: [
          {
            name: result.resource.name ?? result.resource.id,
            fullyQualifiedName: path,
            kind: result.resource.type,
          },
        ],
      },
    ],
    partialFingerprints: { 'palisadeResult/v1': `${result.ruleId}|${path}` },
    ...(result.status === 'excepted' && result.exception
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${result.exception.justification} (owner ${result.exception.owner}, until ${result.exception.expiresAt})`,
            },
          ],
        }
      : {}),
    properties: {
      status: result.status,
      severity: result.severity,
      site: result.site,
      resourceType: result.resource.type,
      resourceId: result.resource.id,
    },
  };
}

export function sarifLog(report: Report): Json {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const results = report.results
    .filter((r) => r.status === 'fail' || r.status === 'excepted' || r.status === 'unknown')
    .map((r) => sarifResult(r, index.get(r.ruleId) ?? -1, report.org?.id ?? null));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map(descriptor),
          },
        },
        automationDetails: { id: `palisade/${report.org?.id ?? 'sites'}/${report.generatedAt}` },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results,
        properties: {
          reportSchemaVersion: report.schemaVersion,
          snapshotVersion: report.snapshotVersion,
          postureScore: report.summary.postureScore,
          organization: report.org ? { id: report.org.id, name: report.org.name } : null,
          sites: report.sites.map((s) => s.url),
        },
      },
    ],
  };
}

export function renderSarif(report: Report): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}

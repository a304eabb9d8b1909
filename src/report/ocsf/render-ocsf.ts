import { AREAS } from '../../rules/areas.ts';
import type { ResultStatus } from '../../rules/result.ts';
import type { Severity } from '../../rules/severity.ts';
import type { Report, ReportResult, ReportRule } from '../model.ts';

// OCSF Compliance Finding events (class 2003, category 2 Findings), one per result, as a single
// JSON array (palisade-report.ocsf.json), OCSF schema 1.3.0: `resources` (plural, 1.3.0), and
// `compliance.control` for the rule. Every result is an event, passing ones included, because a
// compliance record needs the passes as much as the failures (as CSPM tools export them).
//
// Status mapping:
//   result          compliance.status_id      finding status_id
//   pass            1 Pass                    4 Resolved
//   fail            3 Fail                    1 New
//   excepted        3 Fail                    3 Suppressed (the exception's justification)
//   unknown         2 Warning (no result: missing information)   1 New
//   not_applicable  99 Other "Not Applicable" 4 Resolved

export const OCSF_VERSION = '1.3.0';
const CLASS_UID = 2003;
const CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Readonly<Record<Severity, number>> = { critical: 5, high: 4, medium: 3, low: 2 };
const SEVERITY_CAPTION: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const COMPLIANCE_STATUS: Readonly<Record<ResultStatus, { id: number; caption: string }>> = {
  pass: { id: 1, caption: 'Pass' },
  fail: { id: 3, caption: 'Fail' },
  excepted: { id: 3, caption: 'Fail' },
  unknown: { id: 2, caption: 'Warning' },
  not_applicable: { id: 99, caption: 'Not Applicable' },
};

const FINDING_STATUS: Readonly<Record<ResultStatus, { id: number; caption: string }>> = {
  pass: { id: 4, caption: 'Resolved' },
  fail: { id: 1, caption: 'New' },
  excepted: { id: 3, caption: 'Suppressed' },
  unknown: { id: 1, caption: 'New' },
  not_applicable: { id: 4, caption: 'Resolved' },
};

/** How the compliance frameworks are named to an OCSF consumer. */
const STANDARD_NAMES: Readonly<Record<string, string>> = {
  'cis-controls-v8': 'CIS Controls v8',
  'nist-800-53-r5': 'NIST SP 800-53 Rev. 5',
  'iso-27001-2022': 'ISO/IEC 27001:2022',
  soc2: 'SOC 2 (2017 TSC)',
};

export type OcsfEvent = Record<string, unknown>;

function uid(result: ReportResult, orgId: string | null): string {
  const scope = result.site ?? `org:${orgId ?? 'unknown'}`;
  return `${result.ruleId}|${scope}|${result.resource.type}|${result.resource.id}`;
}

function event(report: Report, result: ReportResult, rule: ReportRule | undefined, time: number): OcsfEvent {
  const compliance = COMPLIANCE_STATUS[result.status];
  const finding = FINDING_STATUS[result.status];
  const frameworks = Object.entries(rule?.compliance ?? {});
  const orgId = report.org?.id ?? null;
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    time,
    severity_id: SEVERITY_ID[result.severity],
    severity: SEVERITY_CAPTION[result.severity],
    status_id: finding.id,
    status: finding.caption,
    ...(result.status === 'excepted' && result.exception
      ? {
          status_detail: `Excepted by ${result.exception.owner} until ${result.exception.expiresAt}: ${result.exception.justification}`,
        }
      : {}),
    message: result.message,
    finding_info: {
      uid: uid(result, orgId),
      title: result.title,
      desc: rule?.description ?? result.title,
      types: [AREAS[result.area].title],
      analytic: { uid: result.ruleId, name: result.ruleId, type_id: 1, type: 'Rule' },
    },
    compliance: {
      control: result.ruleId,
      standards:
        frameworks.length > 0 ? frameworks.map(([f]) => STANDARD_NAMES[f] ?? f) : ['Palisade baseline'],
      requirements: frameworks.flatMap(([f, controls]) =>
        controls.map((c) => `${STANDARD_NAMES[f] ?? f} ${c}`),
      ),
      status_id: compliance.id,
      status: compliance.caption,
      status_detail: result.message,
    },
    remediation: {
      desc: result.remediation.ui.join(' '),
      references: rule?.references.map((r) => r.url) ?? [],
    },
    resources: [
      {
        uid: `${result.site ?? `org:${orgId ?? 'unknown'}`}/${result.resource.type}/${result.resource.id}`,
        name: result.resource.name ?? result.resource.id,
        type: result.resource.type,
        data: { site: result.site, organization: orgId },
      },
    ],
    metadata: {
      version: OCSF_VERSION,
      product: { name: report.tool.name, vendor_name: 'Palisade', version: report.tool.version },
      log_name: 'palisade-report',
    },
  };
}

export function ocsfEvents(report: Report): OcsfEvent[] {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const time = Date.parse(report.generatedAt);
  return report.results.map((r) => event(report, r, rules.get(r.ruleId), time));
}

/** A JSON array of events (one file, readable as a whole; NDJSON consumers can stream `.[]`). */
export function renderOcsf(report: Report): string {
  return `${JSON.stringify(ocsfEvents(report), null, 2)}\n`;
}

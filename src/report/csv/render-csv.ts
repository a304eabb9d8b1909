import { AREAS } from '../../rules/areas.ts';
import { severityRank } from '../../rules/severity.ts';
import type { Report, ReportResult } from '../model.ts';
import { csvLines } from './csv-cell.ts';

// The CSV action plan: one row per failing result (status `fail`; excepted ones are accepted risks,
// unknown ones are in the coverage section of the other formats), most severe first, with what to
// do about it. UTF-8 without a byte-order mark, CRLF line ends, a header row.

export const CSV_COLUMNS = [
  'Priority',
  'Severity',
  'Area',
  'Rule',
  'Title',
  'Site',
  'Resource type',
  'Resource id',
  'Resource name',
  'Finding',
  'Fix in the admin UI',
  'Fix through the API',
  'Reference',
] as const;

function steps(list: readonly string[] | null): string {
  if (!list || list.length === 0) return '';
  return list.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

export function failingInPriorityOrder(report: Report): ReportResult[] {
  return report.results
    .filter((r) => r.status === 'fail')
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        a.area.localeCompare(b.area) ||
        a.ruleId.localeCompare(b.ruleId) ||
        (a.site ?? '').localeCompare(b.site ?? '') ||
        a.resource.id.localeCompare(b.resource.id, undefined, { numeric: true }),
    );
}

export function renderCsv(report: Report): string {
  const references = new Map(report.rules.map((r) => [r.id, r.references[0]?.url ?? '']));
  const rows = failingInPriorityOrder(report).map((r, i) => [
    i + 1,
    r.severity,
    AREAS[r.area].title,
    r.ruleId,
    r.title,
    r.site ?? 'Organization',
    r.resource.type,
    r.resource.id,
    r.resource.name ?? '',
    r.message,
    steps(r.remediation.ui),
    steps(r.remediation.api),
    references.get(r.ruleId) ?? '',
  ]);
  return csvLines([CSV_COLUMNS, ...rows]);
}

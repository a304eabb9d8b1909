import { renderCsv } from './csv/render-csv.ts';
import { ReportError } from './errors.ts';
import { renderHtml } from './html/render-html.ts';
import { renderJson } from './json/render-json.ts';
import type { Report } from './model.ts';
import { renderOcsf } from './ocsf/render-ocsf.ts';
import { renderSarif } from './sarif/render-sarif.ts';

// The five report formats, their file names and renderers.

export const REPORT_FORMATS = ['json', 'csv', 'sarif', 'html', 'ocsf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  json: 'palisade-report.json',
  csv: 'palisade-report.csv',
  sarif: 'palisade-report.sarif',
  html: 'palisade-report.html',
  ocsf: 'palisade-report.ocsf.json',
};

const RENDERERS: Readonly<Record<ReportFormat, (report: Report) => string>> = {
  json: renderJson,
  csv: renderCsv,
  sarif: renderSarif,
  html: renderHtml,
  ocsf: renderOcsf,
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The format named by a `--format` value; throws `unknown_format` naming the valid ones. */
export function parseReportFormat(value: string): ReportFormat {
  const format = value.trim().toLowerCase();
  if (!isReportFormat(format)) {
    throw new ReportError(
      'unknown_format',
      `unknown report format "${value}": use one of ${REPORT_FORMATS.join(', ')}`,
    );
  }
  return format;
}

export function renderReport(report: Report, format: ReportFormat): string {
  return RENDERERS[format](report);
}

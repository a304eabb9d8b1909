// The report module's public API: build the model once, then render or write any format.

export type { AppInput, AppRiskInput } from './app-input.ts';
export { appInputOf, type EvaluatedAppInput } from './app-risk-input.ts';
export { type BuildReportInput, buildReport, type ReportSnapshotInput } from './build-report.ts';
export { combineReports } from './combine-reports.ts';
export { ReportError, type ReportErrorCode } from './errors.ts';
export {
  isReportFormat,
  parseReportFormat,
  REPORT_FILE_NAMES,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
} from './formats.ts';
export { REPORT_SCHEMA_VERSION, type Report } from './model.ts';
export { type WriteReportsOptions, type WrittenReport, writeReports } from './write-reports.ts';

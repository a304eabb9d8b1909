import type { Report } from '../model.ts';

// The JSON report: the model as it is, described by docs/report.schema.json.

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

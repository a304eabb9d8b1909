import { relative } from 'node:path';
import type { Report } from '../../report/model.ts';
import { checkReportTargets, writeReports } from '../../report/write-reports.ts';
import type { ReportTarget } from '../scan/scan-request.ts';

function options(target: ReportTarget) {
  return {
    formats: target.formats,
    ...(target.output !== undefined ? { output: target.output } : { outputDir: target.outputDir ?? '.' }),
  };
}

/** Refuses an unusable --output-dir or --output before a command does its work. */
export function checkReportFiles(target: ReportTarget): void {
  checkReportTargets(options(target));
}

/** Writes the formats asked for; returns each file's path relative to `cwd` when under it. */
export async function writeReportFiles(
  report: Report,
  target: ReportTarget,
  cwd: string,
): Promise<{ format: string; path: string }[]> {
  const written = await writeReports(report, options(target));
  return written.map((w) => {
    const rel = relative(cwd, w.path);
    return { format: w.format, path: rel.startsWith('..') || rel === '' ? w.path : rel };
  });
}

import { relative } from 'node:path';
import type { Report } from '../../report/model.ts';
import { writeReports } from '../../report/write-reports.ts';
import type { ReportTarget } from '../scan/scan-request.ts';

/** Writes the formats asked for; returns each file's path relative to `cwd` when under it. */
export async function writeReportFiles(
  report: Report,
  target: ReportTarget,
  cwd: string,
): Promise<{ format: string; path: string }[]> {
  const written = await writeReports(report, {
    formats: target.formats,
    ...(target.output !== undefined ? { output: target.output } : { outputDir: target.outputDir ?? '.' }),
  });
  return written.map((w) => {
    const rel = relative(cwd, w.path);
    return { format: w.format, path: rel.startsWith('..') || rel === '' ? w.path : rel };
  });
}

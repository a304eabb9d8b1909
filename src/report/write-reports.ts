import { randomBytes } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ReportError } from './errors.ts';
import { REPORT_FILE_NAMES, REPORT_FORMATS, type ReportFormat, renderReport } from './formats.ts';
import type { Report } from './model.ts';

// Writes a report in the formats asked for: into a directory under the fixed file names, or one
// format into one file. Each file is written to a temporary name and renamed, so a pipeline that
// picks up palisade-report.sarif never reads half of one.

export interface WriteReportsOptions {
  formats: readonly ReportFormat[];
  /** The directory for the files (created when missing); the working directory by default. */
  outputDir?: string;
  /** One file for exactly one format (`--output`); takes precedence over `outputDir`. */
  output?: string;
}

export interface WrittenReport {
  format: ReportFormat;
  /** Absolute path. */
  path: string;
  bytes: number;
}

function targets(options: WriteReportsOptions): { format: ReportFormat; path: string }[] {
  const formats = REPORT_FORMATS.filter((f) => options.formats.includes(f));
  if (formats.length === 0) {
    throw new ReportError(
      'unknown_format',
      `no report format given: use one of ${REPORT_FORMATS.join(', ')}`,
    );
  }
  if (options.output !== undefined) {
    if (formats.length !== 1) {
      throw new ReportError(
        'output_needs_one_format',
        `--output names one file but ${formats.length} formats were asked for (${formats.join(', ')}): ` +
          'give one --format, or use --output-dir',
      );
    }
    return [{ format: formats[0]!, path: resolve(options.output) }];
  }
  const dir = resolve(options.outputDir ?? '.');
  return formats.map((format) => ({ format, path: join(dir, REPORT_FILE_NAMES[format]) }));
}

/**
 * Refuses, before any work, report targets that cannot be written: the nearest existing folder of
 * each file is a file, or not writable, or the file's path is a folder. Writing can still fail
 * later (a full disk); this finds what is wrong from the start (a scan takes minutes).
 */
export function checkReportTargets(options: WriteReportsOptions): void {
  for (const { path } of targets(options)) {
    if (isFolder(path)) {
      throw unwritable(path, `${path} is a folder`);
    }
    let existing = dirname(path);
    while (!exists(existing) && dirname(existing) !== existing) existing = dirname(existing);
    if (!isFolder(existing)) throw unwritable(path, `${existing} is a file, not a folder`);
    try {
      accessSync(existing, constants.W_OK);
    } catch (error) {
      throw unwritable(
        path,
        `${existing} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

function unwritable(path: string, reason: string): ReportError {
  return new ReportError(
    'write_failed',
    `cannot write the report ${path}: ${reason} — choose a writable --output-dir or --output`,
  );
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Reports name every user's e-mail, 2SV state and admin role: private to their owner.
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(temporary, content, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ReportError(
      'write_failed',
      `cannot write the report ${path} (${code}): choose a writable --output-dir or --output`,
      { cause: error },
    );
  }
}

export async function writeReports(report: Report, options: WriteReportsOptions): Promise<WrittenReport[]> {
  const written: WrittenReport[] = [];
  for (const { format, path } of targets(options)) {
    const content = renderReport(report, format);
    await writeAtomically(path, content);
    written.push({ format, path, bytes: Buffer.byteLength(content, 'utf8') });
  }
  return written;
}

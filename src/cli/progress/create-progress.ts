import type { OutputStream } from '../cli-deps.ts';
import { logProgress } from './log-progress.ts';
import type { Progress } from './progress.ts';
import { ttyProgress } from './tty-progress.ts';

/** Bars on a terminal, plain lines otherwise; `quiet` keeps only what the command prints itself. */
export function createProgress(stderr: OutputStream, options: { quiet?: boolean } = {}): Progress {
  if (options.quiet) return { phase() {}, plan() {}, sync() {}, end() {} };
  return stderr.isTTY ? ttyProgress(stderr) : logProgress(stderr);
}

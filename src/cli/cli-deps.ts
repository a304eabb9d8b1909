import type { CliEnv } from './cli-env.ts';

// What every command gets from the process, passed in so tests can run commands in-process with
// their own streams, environment and clock (DESIGN.md: dependencies passed in, no singletons).

export interface OutputStream {
  /** Writes text with control characters removed (output/strip-controls.ts). */
  write(text: string): unknown;
  /** Writes the CLI's own terminal escape codes as they are (progress bars); `write` where absent. */
  writeControl?(text: string): unknown;
  /** A terminal: progress bars and colours; otherwise plain lines. */
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface CliDeps {
  /** The validated environment (src/config), the flags' fallbacks. */
  env: CliEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  /** The project directory (the demo's ./data and ./reports live under the working directory). */
  cwd: string;
  now: () => Date;
  /** Aborted on SIGINT/SIGTERM: a scan stops between pages. */
  signal?: AbortSignal;
}

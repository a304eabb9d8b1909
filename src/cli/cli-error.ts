import { type ErrorCode, PalisadeError } from '../errors.ts';

// An error the user can fix, raised by the CLI itself (a flag, a --db, a name it looked up): its
// message is the one line printed, naming the problem and the fix. Anything else that reaches
// main is turned into one line by src/errors.ts `describeError`, with the CLI's names for inputs
// (cli-surface.ts).

export type CliErrorCode = Extract<
  ErrorCode,
  | 'usage'
  | 'invalid_input'
  | 'invalid_url'
  | 'missing_credentials'
  | 'database'
  | 'no_snapshot'
  | 'connection_not_found'
  | 'app_not_found'
  | 'rule_not_found'
  | 'exception_not_found'
>;

export class CliError extends PalisadeError {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    // The message already names the fix (with the flag): the catalogue's adds nothing.
    super(message, { ...options, fix: '' });
    this.code = code;
  }
}

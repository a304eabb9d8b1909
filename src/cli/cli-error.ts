// An error the user can fix: its message is the one line printed, naming the problem and the fix.
// Anything else that reaches main is turned into one line by describe-error.ts.

export type CliErrorCode =
  | 'usage'
  | 'missing_credentials'
  | 'invalid_url'
  | 'host_not_allowed'
  | 'unreachable'
  | 'credential_rejected'
  | 'not_found'
  | 'database'
  | 'no_snapshot'
  | 'sync_failed'
  | 'invalid_input'
  | 'action_refused';

export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

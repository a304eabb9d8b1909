import { type ErrorCode, PalisadeError } from '../errors.ts';
// Typed, coded errors of the report writers (DESIGN.md convention 6). Messages name the problem
// and the fix in one line, so the CLI can print them as they are.

export type ReportErrorCode = Extract<
  ErrorCode,
  'unknown_rule' | 'unknown_format' | 'output_needs_one_format' | 'write_failed'
>;

export class ReportError extends PalisadeError {
  override readonly name = 'ReportError';
  readonly code: ReportErrorCode;

  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

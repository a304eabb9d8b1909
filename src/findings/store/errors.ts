import { type ErrorCode, PalisadeError } from '../../errors.ts';
// Typed, coded errors of the findings store (DESIGN.md convention 6).

export type FindingsStoreErrorCode = Extract<
  ErrorCode,
  | 'invalid_input'
  | 'invalid_exception'
  | 'invalid_transition'
  | 'finding_not_found'
  | 'exception_not_found'
  | 'attestation_not_found'
>;

export class FindingsStoreError extends PalisadeError {
  readonly code: FindingsStoreErrorCode;

  constructor(code: FindingsStoreErrorCode, message: string) {
    super(message);
    this.name = 'FindingsStoreError';
    this.code = code;
  }
}

// Typed, coded errors of the findings store (DESIGN.md convention 6).

export type FindingsStoreErrorCode = 'invalid_exception';

export class FindingsStoreError extends Error {
  readonly code: FindingsStoreErrorCode;

  constructor(code: FindingsStoreErrorCode, message: string) {
    super(message);
    this.name = 'FindingsStoreError';
    this.code = code;
  }
}

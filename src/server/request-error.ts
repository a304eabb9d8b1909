import { type ErrorCode, PalisadeError } from '../errors.ts';

/** An error a route answers with: any code of the one catalogue, its HTTP status from the code's kind. */
export class RequestError extends PalisadeError {
  override readonly name = 'RequestError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; fix?: string | undefined }) {
    super(message, options);
    this.code = code;
  }
}

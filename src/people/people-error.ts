import { type ErrorCode, PalisadeError } from '../errors.ts';

/** A refusal of the people module (sign-in, setup, tokens, user management), any code of the one catalogue. */
export class PeopleError extends PalisadeError {
  override readonly name = 'PeopleError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

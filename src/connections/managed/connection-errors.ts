import { PalisadeError } from '../../errors.ts';

// The errors of managing a server-side connection, each a code of the one catalogue (src/errors.ts):
// the server answers them with the code's status, the CLI would exit with the code's exit code.

export type ManagedConnectionCode =
  | 'missing_credentials'
  | 'invalid_input'
  | 'connection_exists'
  | 'connection_not_found'
  | 'confirmation_required'
  | 'discovery_failed'
  | 'not_site_admin'
  | 'write_credential_rejected';

export class ManagedConnectionError extends PalisadeError {
  override readonly name = 'ManagedConnectionError';
  readonly code: ManagedConnectionCode;

  constructor(code: ManagedConnectionCode, message: string, options?: { cause?: unknown; fix?: string }) {
    super(message, options);
    this.code = code;
  }
}

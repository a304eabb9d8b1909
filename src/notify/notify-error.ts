import { PalisadeError } from '../errors.ts';

/** What the notification routes and stores answer with (codes of the one catalogue, src/errors.ts). */
export class NotifyError extends PalisadeError {
  override readonly name = 'NotifyError';
  readonly code:
    | 'channel_not_found'
    | 'invalid_channel'
    | 'host_not_allowed'
    | 'smtp_not_configured'
    | 'owner_unknown'
    | 'finding_not_found'
    | 'app_not_found';

  constructor(code: NotifyError['code'], message: string, options?: { fix?: string }) {
    super(message, options);
    this.code = code;
  }
}

import { type ErrorCode, PalisadeError } from '../errors.ts';

// Why the scan service refused a request: the connection or scan is unknown, a scan of the
// connection is queued or running already (`scanId` names it, and so does the message), or the
// scan to cancel has finished.

export type ScanRequestErrorCode = Extract<
  ErrorCode,
  'connection_not_found' | 'scan_not_found' | 'scan_in_progress' | 'scan_finished' | 'invalid_input'
>;

export class ScanRequestError extends PalisadeError {
  override readonly name = 'ScanRequestError';
  readonly code: ScanRequestErrorCode;
  /** The scan the refusal is about (the one in progress, the finished one). */
  readonly scanId: string | undefined;

  constructor(code: ScanRequestErrorCode, message: string, options?: { scanId?: string; fix?: string }) {
    super(message, options?.fix !== undefined ? { fix: options.fix } : undefined);
    this.code = code;
    this.scanId = options?.scanId;
  }
}

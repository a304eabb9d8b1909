import { type ErrorCode, PalisadeError } from '../errors.ts';

// Why a scan did not run to the end, beyond the errors of the steps it calls (discovery, sync,
// evaluation throw their own).

export type ScanErrorCode = Extract<ErrorCode, 'scan_in_progress' | 'scan_lease_lost' | 'sync_stopped'>;

export class ScanError extends PalisadeError {
  override readonly name = 'ScanError';
  readonly code: ScanErrorCode;
  readonly connectionId: string;

  constructor(code: ScanErrorCode, connectionId: string, message: string, options?: { fix?: string }) {
    super(message, options);
    this.code = code;
    this.connectionId = connectionId;
  }
}

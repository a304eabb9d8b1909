import { type ErrorCode, PalisadeError } from '../../errors.ts';
// Typed, coded errors of the snapshot view builder (DESIGN.md convention 6).

export type SnapshotViewErrorCode = Extract<ErrorCode, 'connection_not_found' | 'no_complete_snapshot'>;

export class SnapshotViewError extends PalisadeError {
  readonly code: SnapshotViewErrorCode;

  constructor(code: SnapshotViewErrorCode, message: string) {
    super(message);
    this.name = 'SnapshotViewError';
    this.code = code;
  }
}

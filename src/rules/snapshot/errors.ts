// Typed, coded errors of the snapshot view builder (DESIGN.md convention 6).

export type SnapshotViewErrorCode = 'connection_not_found' | 'no_complete_snapshot';

export class SnapshotViewError extends Error {
  readonly code: SnapshotViewErrorCode;

  constructor(code: SnapshotViewErrorCode, message: string) {
    super(message);
    this.name = 'SnapshotViewError';
    this.code = code;
  }
}

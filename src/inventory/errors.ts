import { PalisadeError } from '../errors.ts';
// Typed, coded errors of the inventory store (DESIGN.md rule 6).

export class SnapshotStateError extends PalisadeError {
  readonly code = 'snapshot_state';
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotStateError';
  }
}

export class SnapshotNotFoundError extends PalisadeError {
  readonly code = 'snapshot_not_found';
  constructor(connectionId: string, version: number) {
    super(`connection ${connectionId} has no complete snapshot version ${version}`);
    this.name = 'SnapshotNotFoundError';
  }
}

import { PalisadeError } from '../errors.ts';
// Errors of the sync run itself (collector failures become dataset outcomes instead).

export class SyncPlanError extends PalisadeError {
  readonly code = 'sync_plan';
  constructor(message: string) {
    super(message);
    this.name = 'SyncPlanError';
  }
}

export class ConnectionNotFoundError extends PalisadeError {
  readonly code = 'connection_not_found';
  constructor(connectionId: string) {
    super(`connection ${connectionId} does not exist; save it before syncing`);
    this.name = 'ConnectionNotFoundError';
  }
}

/** The run was interrupted through its AbortSignal; it stays in progress and resumes next time. */
export class SyncInterruptedError extends PalisadeError {
  readonly code = 'sync_interrupted';
  readonly runId: string;
  constructor(runId: string) {
    super(`sync run ${runId} was interrupted; the next sync of this connection resumes it`);
    this.name = 'SyncInterruptedError';
    this.runId = runId;
  }
}

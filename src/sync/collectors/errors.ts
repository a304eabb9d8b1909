import { type ErrorCode, PalisadeError } from '../../errors.ts';
// Errors a collector raises itself (Atlassian failures arrive as the client's typed errors and
// pass through untouched, so the sync run can map them to dataset outcomes).

export type CollectorErrorCode = Extract<
  ErrorCode,
  /** The context lacks what the collector needs: an org id for org datasets, a site for site ones. */
  | 'missing_context'
  /** A response could not be normalized into the dataset's record (a field it needs is missing). */
  | 'normalization'
  /** A checkpoint this collector did not write (or wrote in an older format). */
  | 'bad_checkpoint'
>;

export class CollectorError extends PalisadeError {
  override readonly name = 'CollectorError';
  readonly code: CollectorErrorCode;
  readonly dataset: string;

  constructor(code: CollectorErrorCode, dataset: string, message: string) {
    super(`${dataset}: ${message}`);
    this.code = code;
    this.dataset = dataset;
  }
}

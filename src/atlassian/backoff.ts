// Exponential backoff with "full jitter" (a uniformly random delay up to the exponential cap), so
// callers that failed together do not retry together.
// https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `failures` (1 = after the first failure). */
export function backoffDelay(failures: number, o: BackoffOptions, random: () => number): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(random() * cap);
}

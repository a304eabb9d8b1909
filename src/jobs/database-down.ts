// Whether an error says the database is away (a restart, a failover, a network cut) rather than
// that something is wrong with the work: a scan that meets one is not failed, its job is retried
// and the scan resumes from its checkpoints once the database answers again.

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|Client has encountered a connection error/i;

export function databaseDown(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => databaseDown(e, depth + 1))) return true;
  return databaseDown(cause, depth + 1);
}

/** One line for a log, whatever was thrown or emitted (pg-boss emits plain objects too). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/**
 * Waits until `probe` succeeds (the database answers again), checking every `everyMs`; false when
 * `until` passed or `cancelled()` first.
 */
export async function untilDatabaseAnswers(
  probe: () => Promise<unknown>,
  options: { until: number; cancelled: () => boolean; everyMs?: number },
): Promise<boolean> {
  for (;;) {
    if (options.cancelled() || Date.now() > options.until) return false;
    try {
      await probe();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 500));
    }
  }
}

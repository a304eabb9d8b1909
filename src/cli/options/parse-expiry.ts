import { CliError } from '../cli-error.ts';

// When an attestation or exception lapses: `--expires 2026-03-31` (end of that day, UTC) or an
// ISO timestamp, or `--valid-days 90` from now. Always in the future: a record that is already
// expired would change nothing and only confuse the next report.

export function parseExpiry(
  flags: { expires?: string | undefined; validDays?: string | undefined },
  now: Date,
  defaultDays: number,
): Date {
  if (flags.expires !== undefined && flags.validDays !== undefined) {
    throw new CliError('usage', 'use either --expires or --valid-days, not both');
  }
  let at: Date;
  if (flags.expires !== undefined) {
    const raw = flags.expires.trim();
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T23:59:59Z`) : Date.parse(raw);
    if (Number.isNaN(ms)) {
      throw new CliError(
        'usage',
        `--expires "${flags.expires}" is not a date — pass e.g. 2026-03-31 or --valid-days 90`,
      );
    }
    at = new Date(ms);
  } else {
    const days = flags.validDays === undefined ? defaultDays : Number(flags.validDays);
    if (!Number.isInteger(days) || days < 1 || days > 3660) {
      throw new CliError(
        'usage',
        `--valid-days "${flags.validDays}" must be a whole number of days from 1 to 3660`,
      );
    }
    at = new Date(now.getTime() + days * 86_400_000);
  }
  if (at.getTime() <= now.getTime()) {
    throw new CliError('usage', `--expires ${at.toISOString()} is in the past — pass a future date`);
  }
  return at;
}

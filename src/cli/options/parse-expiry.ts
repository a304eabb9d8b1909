import { CliError } from '../cli-error.ts';

// When an attestation or exception lapses: `--expires 2026-03-31` (end of that day, UTC) or an
// ISO timestamp, or `--valid-days 90` from now. Always in the future: a record that is already
// expired would change nothing and only confuse the next report; and at most MAX_VALID_DAYS away,
// however it is given (an exception "until 9999" is a permanent one under another name).

export const MAX_VALID_DAYS = 3660;
const DAY_MS = 86_400_000;

/** The timestamp of a date or ISO timestamp, NaN when it is none — or a day that does not exist. */
function parseDate(raw: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  const ms = day && raw.length === 10 ? Date.parse(`${raw}T23:59:59Z`) : Date.parse(raw);
  if (!day || Number.isNaN(ms)) return ms;
  // Date.parse rolls 2027-02-30 over to 2027-03-02: a day that does not exist is a typo, not a date.
  const [, y, m, d] = day.map(Number);
  const check = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return check.getUTCFullYear() === y && check.getUTCMonth() + 1 === m && check.getUTCDate() === d
    ? ms
    : Number.NaN;
}

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
    const ms = parseDate(raw);
    if (Number.isNaN(ms)) {
      throw new CliError(
        'usage',
        `--expires "${flags.expires}" is not a date (or not a day of the calendar) — pass e.g. 2026-03-31 or --valid-days 90`,
      );
    }
    at = new Date(ms);
    const latest = new Date(now.getTime() + MAX_VALID_DAYS * DAY_MS);
    if (ms > latest.getTime()) {
      // The last day whose end is still within the cap.
      const lastDay = new Date(latest.getTime() - DAY_MS + 1000).toISOString().slice(0, 10);
      throw new CliError(
        'usage',
        `--expires ${raw} is too far away — pass a date from tomorrow to ${lastDay} (at most ${MAX_VALID_DAYS} days)`,
      );
    }
  } else {
    const days = flags.validDays === undefined ? defaultDays : Number(flags.validDays);
    if (!Number.isInteger(days) || days < 1 || days > MAX_VALID_DAYS) {
      throw new CliError(
        'usage',
        `--valid-days "${flags.validDays}" must be a whole number of days from 1 to ${MAX_VALID_DAYS}`,
      );
    }
    at = new Date(now.getTime() + days * DAY_MS);
  }
  if (at.getTime() <= now.getTime()) {
    throw new CliError('usage', `--expires ${at.toISOString()} is in the past — pass a future date`);
  }
  return at;
}

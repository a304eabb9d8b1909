// Expiry dates as people pick them (a calendar day) and as the API takes them (an instant): the
// end of the chosen day in the browser's time zone, so "until 31 March" covers all of 31 March.

/** `YYYY-MM-DD` → the ISO instant at the end of that local day; undefined when not a date. */
export function endOfDay(day: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 0);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `YYYY-MM-DD` of the local day `days` after `now`. */
export function dayAfter(now: Date, days: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

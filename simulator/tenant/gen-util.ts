// Small helpers shared by the tenant generators: seeded streams, relative times and id shapes.
import { Random } from '../core/random.ts';

export const DAY_MS = 86_400_000;

/**
 * An independent PRNG stream per concern (users, apps, jira…), so adding records to one concern
 * never shifts the random sequence of another and scenario layers stay stable across edits.
 */
export function stream(seed: number, label: string): Random {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return new Random(h ^ Math.imul(seed, 0x9e3779b1));
}

/** ISO time `days` days before `now` (fractions allowed, so events get a time of day). */
export function isoDaysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - Math.round(days * DAY_MS)).toISOString();
}

/** A random ISO time between `minDays` and `maxDays` days ago. */
export function randomDaysAgo(rng: Random, now: Date, minDays: number, maxDays: number): string {
  return isoDaysAgo(now, minDays + rng.next() * (maxDays - minDays));
}

export function daysBetween(now: Date, iso: string): number {
  return (now.getTime() - Date.parse(iso)) / DAY_MS;
}

const HEX = '0123456789abcdef';
const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * Random characters joined once: a flat string, where appending one character at a time would
 * leave a rope of hundreds of nodes per id (tens of MB on the xl tenant).
 */
function chars(rng: Random, alphabet: string, length: number): string {
  const out = new Array<string>(length);
  for (let i = 0; i < length; i++) out[i] = alphabet[Math.floor(rng.next() * alphabet.length)] ?? '0';
  return out.join('');
}

export const hex = (rng: Random, length: number): string => chars(rng, HEX, length);

/** A secret-looking token of URL-safe characters. */
export const token = (rng: Random, length: number): string => chars(rng, TOKEN, length);

/** Atlassian account ids: 24 hex digits (modern) or `557058:<uuid>` (apps and older accounts). */
export function accountId(rng: Random, legacy = false): string {
  return legacy ? `557058:${rng.uuid()}` : `${rng.pick(['5', '6', '7'])}${hex(rng, 23)}`;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `base`, or `base` + the smallest number that makes it unused; records it as used. */
export function uniqueName(base: string, used: Set<string>, separator = ''): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${separator}${n}`;
  used.add(name);
  return name;
}

export function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('weighted() needs at least one item');
  return last[0];
}

/** Documentation-range IPv4 addresses (RFC 5737), so no generated address is anyone's real host. */
export function docIp(rng: Random): string {
  return `${rng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${rng.int(1, 254)}`;
}

export const GEOS = [
  'Sydney, AU',
  'San Francisco, US',
  'Austin, US',
  'Amsterdam, NL',
  'London, GB',
  'Berlin, DE',
];

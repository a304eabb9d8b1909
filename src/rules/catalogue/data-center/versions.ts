// Version strings as Atlassian products and apps write them: `9.12.4`, `8.5.0-m01`, `1.2.3-jira9`,
// `5.0.0.201903141`. Only the leading dotted numbers are compared; a suffix after them (a
// milestone, a product tag) ranks below the same numbers without one, so `8.5.0-m01` < `8.5.0`.

/** The leading numbers of a version and whether something follows them; undefined if none. */
export function parseVersion(version: string): { numbers: number[]; suffix: boolean } | undefined {
  const match = /^\s*v?(\d+(?:\.\d+)*)(.*)$/i.exec(version);
  if (!match?.[1]) return undefined;
  return { numbers: match[1].split('.').map(Number), suffix: (match[2] ?? '').trim() !== '' };
}

/** Negative when a < b, 0 when equal, positive when a > b; undefined when either is not a version. */
export function compareVersions(a: string, b: string): number | undefined {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return undefined;
  const length = Math.max(x.numbers.length, y.numbers.length);
  for (let i = 0; i < length; i += 1) {
    const d = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.suffix === y.suffix) return 0;
  return x.suffix ? -1 : 1;
}

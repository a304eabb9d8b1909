// Atlassian's end-of-life dates for Jira Data Center and Confluence Data Center, per feature
// release (`major.minor`): the data the version check (dc_version_supported) compares a site's
// version with. Kept in the repository, not fetched: a scan must judge the same snapshot the
// same way offline.
//
// Policy (https://confluence.atlassian.com/support/atlassian-support-end-of-life-policy-201851003.html):
// a feature release is supported for two years from its release date; a Long Term Support
// release (https://confluence.atlassian.com/enterprise/long-term-support-releases-948227420.html)
// gets its own, sometimes extended, date (Jira 8.20 and 9.4, Confluence 7.19 and 8.5 ran past
// two years). After the end-of-life date Atlassian ships no security fixes for the release.
// Release dates: https://www.atlassian.com/software/jira/download-archives and
// https://www.atlassian.com/software/confluence/download-archives. Transcribed from those pages
// as collected by endoflife.date (products/jira-software.md, products/confluence.md, read
// 2026-12-07). Jira versions are the platform's (Jira Software DC carries the same numbers).
//
// Update: add each new feature release at the top when Atlassian ships it (its end of life is
// two years later unless the policy page says otherwise), and set DATA_AS_OF. A version newer
// than every listed release is reported as "not in the data", never as supported.

/** When these tables were last checked against Atlassian's pages (ISO date). */
export const DATA_AS_OF = '2026-12-07';

export const END_OF_LIFE_POLICY_URL =
  'https://confluence.atlassian.com/support/atlassian-support-end-of-life-policy-201851003.html';

export interface ReleaseSupport {
  /** The feature release, `major.minor`. */
  release: string;
  /** ISO date the release (`x.y.0`) shipped. */
  released: string;
  /** ISO date Atlassian's support ends (no fixes after it). */
  endOfLife: string;
  /** A Long Term Support release (security fixes for its whole life, bug fixes too). */
  lts?: true;
}

/** Newest first. Jira 8.0 – 11.3 (platform versions). */
export const JIRA_DATA_CENTER_RELEASES: readonly ReleaseSupport[] = [
  { release: '11.3', released: '2025-12-03', endOfLife: '2027-12-03', lts: true },
  { release: '11.2', released: '2025-11-06', endOfLife: '2027-11-06' },
  { release: '11.1', released: '2025-09-24', endOfLife: '2027-09-24' },
  { release: '11.0', released: '2025-08-13', endOfLife: '2027-08-13' },
  { release: '10.7', released: '2025-06-13', endOfLife: '2027-06-13' },
  { release: '10.6', released: '2025-04-23', endOfLife: '2027-04-23' },
  { release: '10.5', released: '2025-03-12', endOfLife: '2027-03-12' },
  { release: '10.4', released: '2025-01-22', endOfLife: '2027-01-22' },
  { release: '10.3', released: '2024-12-05', endOfLife: '2026-12-05', lts: true },
  { release: '10.2', released: '2024-11-20', endOfLife: '2026-11-20' },
  { release: '10.1', released: '2024-10-09', endOfLife: '2026-10-09' },
  { release: '10.0', released: '2024-08-22', endOfLife: '2026-08-22' },
  { release: '9.17', released: '2024-06-26', endOfLife: '2026-06-26' },
  { release: '9.16', released: '2024-05-23', endOfLife: '2026-05-23' },
  { release: '9.15', released: '2024-03-27', endOfLife: '2026-03-27' },
  { release: '9.14', released: '2024-02-14', endOfLife: '2026-02-15' },
  { release: '9.13', released: '2024-01-22', endOfLife: '2026-01-22' },
  { release: '9.12', released: '2023-11-29', endOfLife: '2025-11-29', lts: true },
  { release: '9.11', released: '2023-08-30', endOfLife: '2025-08-30' },
  { release: '9.10', released: '2023-07-11', endOfLife: '2025-07-11' },
  { release: '9.9', released: '2023-06-02', endOfLife: '2025-06-02' },
  { release: '9.8', released: '2023-04-25', endOfLife: '2025-04-25' },
  { release: '9.7', released: '2023-03-20', endOfLife: '2025-03-20' },
  { release: '9.6', released: '2023-01-24', endOfLife: '2025-01-24' },
  { release: '9.5', released: '2022-12-06', endOfLife: '2024-12-06' },
  { release: '9.4', released: '2022-11-15', endOfLife: '2025-01-31', lts: true },
  { release: '9.3', released: '2022-09-28', endOfLife: '2024-09-29' },
  { release: '9.2', released: '2022-08-25', endOfLife: '2024-08-25' },
  { release: '9.1', released: '2022-07-21', endOfLife: '2024-07-21' },
  { release: '9.0', released: '2022-06-21', endOfLife: '2024-06-21' },
  { release: '8.22', released: '2022-02-16', endOfLife: '2024-02-16' },
  { release: '8.21', released: '2021-12-09', endOfLife: '2023-12-09' },
  { release: '8.20', released: '2021-10-19', endOfLife: '2024-01-31', lts: true },
  { release: '8.19', released: '2021-08-25', endOfLife: '2023-08-26' },
  { release: '8.18', released: '2021-07-01', endOfLife: '2023-07-01' },
  { release: '8.17', released: '2021-05-17', endOfLife: '2023-05-18' },
  { release: '8.16', released: '2021-03-22', endOfLife: '2023-03-23' },
  { release: '8.15', released: '2021-01-21', endOfLife: '2023-02-02' },
  { release: '8.14', released: '2020-11-22', endOfLife: '2022-11-23' },
  { release: '8.13', released: '2020-10-06', endOfLife: '2022-10-08', lts: true },
  { release: '8.12', released: '2020-08-25', endOfLife: '2022-08-26' },
  { release: '8.11', released: '2020-07-14', endOfLife: '2022-07-15' },
  { release: '8.10', released: '2020-06-22', endOfLife: '2022-06-23' },
  { release: '8.9', released: '2020-05-18', endOfLife: '2022-05-20' },
  { release: '8.8', released: '2020-03-18', endOfLife: '2022-03-19' },
  { release: '8.7', released: '2020-02-02', endOfLife: '2022-02-03' },
  { release: '8.6', released: '2019-12-16', endOfLife: '2021-12-17' },
  { release: '8.5', released: '2019-10-21', endOfLife: '2021-10-21', lts: true },
  { release: '8.4', released: '2019-09-08', endOfLife: '2021-09-09' },
  { release: '8.3', released: '2019-07-21', endOfLife: '2021-07-22' },
  { release: '8.2', released: '2019-05-20', endOfLife: '2021-05-21' },
  { release: '8.1', released: '2019-04-03', endOfLife: '2021-04-04' },
  { release: '8.0', released: '2019-02-08', endOfLife: '2021-02-11' },
];

/** Newest first. Confluence 7.0 – 10.2. */
export const CONFLUENCE_DATA_CENTER_RELEASES: readonly ReleaseSupport[] = [
  { release: '10.2', released: '2025-12-02', endOfLife: '2027-12-02', lts: true },
  { release: '10.1', released: '2025-10-07', endOfLife: '2027-10-07' },
  { release: '10.0', released: '2025-08-05', endOfLife: '2027-08-05' },
  { release: '9.5', released: '2025-06-04', endOfLife: '2027-06-04' },
  { release: '9.4', released: '2025-03-31', endOfLife: '2027-04-01' },
  { release: '9.3', released: '2025-02-04', endOfLife: '2027-02-04' },
  { release: '9.2', released: '2024-12-09', endOfLife: '2026-12-10', lts: true },
  { release: '9.1', released: '2024-10-03', endOfLife: '2026-10-03' },
  { release: '9.0', released: '2024-07-30', endOfLife: '2026-07-30' },
  { release: '8.9', released: '2024-04-01', endOfLife: '2026-04-02' },
  { release: '8.8', released: '2024-02-08', endOfLife: '2026-02-08' },
  { release: '8.7', released: '2023-12-05', endOfLife: '2025-12-06' },
  { release: '8.6', released: '2023-10-04', endOfLife: '2025-10-05' },
  { release: '8.5', released: '2023-08-21', endOfLife: '2025-12-15', lts: true },
  { release: '8.4', released: '2023-07-05', endOfLife: '2025-07-06' },
  { release: '8.3', released: '2023-05-22', endOfLife: '2025-05-23' },
  { release: '8.2', released: '2023-03-28', endOfLife: '2025-03-29' },
  { release: '8.1', released: '2023-02-13', endOfLife: '2025-02-14' },
  { release: '8.0', released: '2022-11-28', endOfLife: '2024-11-29' },
  { release: '7.20', released: '2022-10-03', endOfLife: '2024-10-04' },
  { release: '7.19', released: '2022-07-27', endOfLife: '2024-12-13', lts: true },
  { release: '7.18', released: '2022-05-28', endOfLife: '2024-05-30' },
  { release: '7.17', released: '2022-03-20', endOfLife: '2024-03-22' },
  { release: '7.16', released: '2022-01-30', endOfLife: '2024-01-31' },
  { release: '7.15', released: '2021-11-22', endOfLife: '2023-11-24' },
  { release: '7.14', released: '2021-10-10', endOfLife: '2023-10-12' },
  { release: '7.13', released: '2021-08-15', endOfLife: '2023-08-17', lts: true },
  { release: '7.12', released: '2021-04-11', endOfLife: '2023-04-13' },
  { release: '7.11', released: '2021-02-01', endOfLife: '2023-02-02' },
  { release: '7.10', released: '2020-12-14', endOfLife: '2022-12-15' },
  { release: '7.9', released: '2020-11-08', endOfLife: '2022-11-10' },
  { release: '7.8', released: '2020-09-28', endOfLife: '2022-09-29' },
  { release: '7.7', released: '2020-08-17', endOfLife: '2022-08-19' },
  { release: '7.6', released: '2020-06-29', endOfLife: '2022-06-30' },
  { release: '7.5', released: '2020-05-19', endOfLife: '2022-05-20' },
  { release: '7.4', released: '2020-04-18', endOfLife: '2022-08-18', lts: true },
  { release: '7.3', released: '2020-02-04', endOfLife: '2022-02-05' },
  { release: '7.2', released: '2019-12-10', endOfLife: '2021-12-12' },
  { release: '7.1', released: '2019-11-01', endOfLife: '2021-11-04' },
  { release: '7.0', released: '2019-09-04', endOfLife: '2021-09-10' },
];

/** Both products' releases, by the product names the datasets and rule areas use. */
export const DATA_CENTER_RELEASES = {
  'jira-data-center': JIRA_DATA_CENTER_RELEASES,
  'confluence-data-center': CONFLUENCE_DATA_CENTER_RELEASES,
} as const;

/**
 * The release line a version belongs to (`9.12.4` → the `9.12` entry), or undefined when the data
 * does not list it (older than the table, or newer than DATA_AS_OF knew).
 */
export function releaseOf(
  product: keyof typeof DATA_CENTER_RELEASES,
  version: string,
): ReleaseSupport | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return undefined;
  const line = `${Number(match[1])}.${Number(match[2])}`;
  return DATA_CENTER_RELEASES[product].find((r) => r.release === line);
}

/** Whether a release is past its end of life on `today` (UTC; the end-of-life day itself still counts as supported). */
export function isEndOfLife(release: ReleaseSupport, today: Date): boolean {
  return today.toISOString().slice(0, 10) > release.endOfLife;
}

import { z } from 'zod';
import { commaList, emptyAsUnset, envSchema, optionalText, parseEnv, processEnv } from '../config/env.ts';
import { REPORT_FORMATS } from '../report/formats.ts';
import { SEVERITIES } from '../rules/severity.ts';
import { serverEnvFields } from '../server/server-env.ts';

// The `palisade` command's environment: the platform's settings (src/config) plus the twins of
// its flags (a flag wins over its variable). Secrets belong here rather than in flags, where other
// users of the machine could read them in `ps`.

export const cliEnvSchema = envSchema.extend({
  /** Site URLs to scan, comma-separated (`--site`). */
  PALISADE_SITES: commaList,
  /** Site credential: an Atlassian account's e-mail and API token (`--email`, `--api-token`). */
  PALISADE_EMAIL: optionalText,
  PALISADE_API_TOKEN: optionalText,
  /** Org-level checks: the organization id and an org API key (`--org-id`, `--org-api-key`). */
  PALISADE_ORG_ID: optionalText,
  PALISADE_ORG_API_KEY: optionalText,
  /**
   * A Bitbucket Cloud workspace to scan instead of sites (`--bitbucket-workspace`), its workspace
   * access token (`--bitbucket-token`; or PALISADE_EMAIL / PALISADE_API_TOKEN of a workspace
   * admin); the API's base URL is a platform setting (PALISADE_BITBUCKET_API_URL, src/config).
   */
  PALISADE_BITBUCKET_WORKSPACE: optionalText,
  PALISADE_BITBUCKET_TOKEN: optionalText,
  /**
   * Jira or Confluence Data Center instances to scan instead of sites, comma-separated
   * (`--data-center-url`, each its own connection), and the personal access token
   * (`--data-center-token`): one for every instance, or one per instance in the same order,
   * comma-separated.
   */
  PALISADE_DATA_CENTER_URLS: commaList,
  PALISADE_DATA_CENTER_TOKEN: commaList,
  /**
   * Write consent on those instances (`--data-center-write-token`): a system administrator's
   * personal access token given for changes, one for every instance or one per instance.
   */
  PALISADE_DATA_CENTER_WRITE_TOKEN: commaList,
  /** Report formats, comma-separated (`--format`), where to write them (`--output-dir`, `--output`). */
  PALISADE_FORMAT: commaList.pipe(
    z.array(z.enum(REPORT_FORMATS, { error: `must be among ${REPORT_FORMATS.join(', ')}` })),
  ),
  PALISADE_OUTPUT_DIR: optionalText,
  PALISADE_OUTPUT: optionalText,
  /** Exit 2 when a finding at or above this severity fails (`--fail-on`). */
  PALISADE_FAIL_ON: z.preprocess(
    emptyAsUnset,
    z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }).optional(),
  ),
  /** Exit 2 when a check at or above this severity is undecided (`--fail-on-unknown`). */
  PALISADE_FAIL_ON_UNKNOWN: z.preprocess(
    emptyAsUnset,
    z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }).optional(),
  ),
  /** Exit 2 when less than this percentage of the applicable results was decided (`--min-coverage`). */
  PALISADE_MIN_COVERAGE: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: 'must be a number from 0 to 100' })
      .min(0, { error: 'must be a number from 0 to 100' })
      .max(100, { error: 'must be a number from 0 to 100' })
      .optional(),
  ),
  /** Where the CLI keeps snapshots: a SQLite file path or a postgres:// URL (`--db`). */
  PALISADE_DB: optionalText,
  /** The write-consented site credential app actions need (`--write-email`, `--write-api-token`). */
  PALISADE_WRITE_EMAIL: optionalText,
  PALISADE_WRITE_API_TOKEN: optionalText,
  // `palisade serve` and `worker` (src/server/server-env.ts).
  ...serverEnvFields,
});

export type CliEnv = z.infer<typeof cliEnvSchema>;

export function readCliEnv(source: Record<string, string | undefined> = processEnv()): CliEnv {
  return parseEnv(cliEnvSchema, source);
}

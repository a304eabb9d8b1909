import { z } from 'zod';

// The environment, read once at start (the only place `process.env` is read). Every value is
// validated so that a typo fails at start with the variable named, not deep inside a sync.

const hostPort = /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

// Copies of lists owned by src/report and src/rules (config imports nothing from src/): the
// CLI's tests fail if they drift, since each value is passed on to those modules.
export const REPORT_FORMATS = ['json', 'csv', 'sarif', 'html', 'ocsf'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

// CI systems often define a variable as empty rather than leave it out: empty means unset.
const emptyAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(emptyAsUnset, z.string().optional());
const commaList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0),
  );

export const envSchema = z.object({
  /** PostgreSQL connection URL; unset = the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Where the SQLite database and other local state live. */
  PALISADE_DATA_DIR: z.string().min(1).default('./data'),
  /** Extra hosts (host or host:port, comma-separated) outbound calls may reach, e.g. the simulator. */
  PALISADE_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h.length > 0),
    )
    .refine((hosts) => hosts.every((h) => hostPort.test(h)), 'must be a comma-separated list of host[:port]'),

  // The `palisade` CLI's flags' twins (src/cli): a flag wins over its variable. Secrets belong
  // here rather than in flags, where other users of the machine could read them in `ps`.
  /** Site URLs to scan, comma-separated (`--site`). */
  PALISADE_SITES: commaList,
  /** Site credential: an Atlassian account's e-mail and API token (`--email`, `--api-token`). */
  PALISADE_EMAIL: optionalText,
  PALISADE_API_TOKEN: optionalText,
  /** Org-level checks: the organization id and an org API key (`--org-id`, `--org-api-key`). */
  PALISADE_ORG_ID: optionalText,
  PALISADE_ORG_API_KEY: optionalText,
  /** Base URLs of the admin API and the Marketplace (`--admin-api-url`, `--marketplace-url`). */
  PALISADE_ADMIN_API_URL: optionalText,
  PALISADE_MARKETPLACE_URL: optionalText,
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
  /** Where the CLI keeps snapshots: a SQLite file path or a postgres:// URL (`--db`). */
  PALISADE_DB: optionalText,
  /** The write-consented site credential app actions need (`--write-email`, `--write-api-token`). */
  PALISADE_WRITE_EMAIL: optionalText,
  PALISADE_WRITE_API_TOKEN: optionalText,
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new ConfigError(`Invalid configuration: ${problems}`);
}

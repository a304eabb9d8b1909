import { z } from 'zod';
import { PalisadeError } from '../errors.ts';

// The platform's settings, read from the environment once at start (this folder is the only
// reader of `process.env`): what every way of running Palisade shares — the CLI, the server and
// the workers. Every value is validated so that a typo fails at start with the variable named,
// not deep inside a sync. Each surface adds its own settings to this schema (the CLI: its flags'
// twins, src/cli/cli-env.ts) and parses them with `parseEnv`.

const hostPort = /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

// CI systems often define a variable as empty rather than leave it out: empty means unset.
export const emptyAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
/** An optional text setting; empty counts as unset. */
export const optionalText = z.preprocess(emptyAsUnset, z.string().optional());
/** A comma-separated list; blanks between commas are dropped. */
export const commaList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0),
  );

export const envSchema = z.object({
  // Storage
  /** PostgreSQL connection URL; unset = the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Where the SQLite database and other local state live. */
  PALISADE_DATA_DIR: z.string().min(1).default('./data'),
  /**
   * The key sealing stored credentials (32 bytes, hex or base64); unset = the key file
   * `<PALISADE_DATA_DIR>/secret.key` (src/connections/credentials/secret-key.ts).
   */
  PALISADE_SECRET_KEY: optionalText,

  // Outbound calls
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
  /**
   * Atlassian's base URLs, when not Atlassian's own (a simulator's listeners, a proxy, another
   * Atlassian cloud); unset = `https://api.atlassian.com`, `https://marketplace.atlassian.com` and
   * `https://auth.atlassian.com` (src/atlassian/urls.ts). `serve`, `worker` and `scan` all honour them.
   */
  PALISADE_ADMIN_API_URL: optionalText,
  PALISADE_MARKETPLACE_URL: optionalText,
  /** Atlassian's authorization server for OAuth 2.0 (3LO); unset = `https://auth.atlassian.com`. */
  PALISADE_AUTH_URL: optionalText,
  /** Bitbucket Cloud's REST API (a simulator's listener); unset = `https://api.bitbucket.org`. */
  PALISADE_BITBUCKET_API_URL: optionalText,
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends PalisadeError {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config' as const;
}

/** A copy of the process's environment: the one place `process.env` is read. */
export function processEnv(): Record<string, string | undefined> {
  return { ...process.env };
}

/** Parses an environment against a schema (the platform's, or a surface's extension of it). */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): z.output<S> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  // One sentence per variable, naming it: "the environment variable X must be …". A list's
  // issue path ends in the item's index, which the person never wrote: the name is the first part.
  const problems = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'environment');
    return /^must /.test(i.message) ? `${name} ${i.message}` : `${name} is not valid (${i.message})`;
  });
  throw new ConfigError(`the environment variable ${[...new Set(problems)].join(', and the variable ')}`);
}

/** The platform's settings. */
export function readEnv(source: Record<string, string | undefined> = processEnv()): Env {
  return parseEnv(envSchema, source);
}

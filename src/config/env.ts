import { z } from 'zod';

// The environment, read once at start (the only place `process.env` is read). Every value is
// validated so that a typo fails at start with the variable named, not deep inside a sync.

const hostPort = /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

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
  PALISADE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new ConfigError(`Invalid configuration: ${problems}`);
}

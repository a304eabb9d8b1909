import { resolve } from 'node:path';
import { z } from 'zod';
import { ATLASSIAN_BASE_URLS, type BaseUrls } from '../atlassian/urls.ts';
import { ConfigError, emptyAsUnset, envSchema, optionalText } from '../config/env.ts';
import type { ServerSettings } from './server-deps.ts';

// The settings `palisade serve` (and `worker`) read beyond the platform's (src/config/env.ts):
// validated at start, each problem naming its variable. They extend the CLI's environment schema,
// so the same process reads every variable once.

/** The built web UI of this package (`npm run build:web`, or on `npm start`). */
export const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

const DURATION = /^(\d+)\s*(s|m|h|d)$/i;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `6h`, `1d` → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2].toLowerCase()] ?? 0);
}

const duration = (fallback: string, min: string) =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .default(fallback)
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        const floor = parseDuration(min) ?? 0;
        if (ms === undefined || ms < floor) {
          ctx.addIssue({ code: 'custom', message: `must be a duration like 30m, 6h or 1d, at least ${min}` });
          return z.NEVER;
        }
        return ms;
      }),
  );

const httpUrl = z.preprocess(
  emptyAsUnset,
  z
    .string()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, 'must be an http(s) URL without a user name or password')
    .optional(),
);

const smtpUrl = z.preprocess(
  emptyAsUnset,
  z
    .string()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587')
    .optional(),
);

const mailFrom = z.preprocess(
  emptyAsUnset,
  z
    .string()
    .regex(
      /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/,
      'must be an e-mail address, or a name and <address>',
    )
    .optional(),
);

// The same form as PALISADE_ALLOW_HOSTS (src/config/env.ts): host, host:port or *.domain.
const notifyHosts = envSchema.shape.PALISADE_ALLOW_HOSTS;

export const serverEnvFields = {
  /** The URL people open Palisade at (behind a reverse proxy: its https URL); cookies are Secure when https. */
  PALISADE_PUBLIC_URL: httpUrl,
  /** The key sealing stored credentials (32 bytes, base64 or hex); unset = a 0600 key file in the data dir. */
  PALISADE_SECRET_KEY: optionalText,
  /** How often each connection is rescanned (default 6h). */
  PALISADE_SCAN_INTERVAL: duration('6h', '15m'),
  /**
   * The term of a connection's scan lease (default 60s): how long the scan of a process that died
   * blocks its connection before another worker resumes it; liveness checks follow it.
   */
  PALISADE_SCAN_LEASE_TTL: duration('60s', '5s'),
  /** A sync slower than this is shown as excessive (default 30m). */
  PALISADE_EXCESSIVE_SYNC: duration('30m', '1m'),
  /** The OAuth 2.0 (3LO) app registered in Atlassian's developer console (all three, or none). */
  PALISADE_OAUTH_CLIENT_ID: optionalText,
  PALISADE_OAUTH_CLIENT_SECRET: optionalText,
  PALISADE_OAUTH_REDIRECT_URL: httpUrl,
  /** Behind a reverse proxy: `true`, or the proxy's addresses, to trust its X-Forwarded-* headers. */
  PALISADE_TRUST_PROXY: optionalText,
  /** Notifications' SMTP server (smtp:// or smtps://, with its user and password); unset: no e-mail. */
  PALISADE_SMTP_URL: smtpUrl,
  /** The From of Palisade's e-mails (required with PALISADE_SMTP_URL). */
  PALISADE_MAIL_FROM: mailFrom,
  /** Hosts beyond hooks.slack.com that notification channels (Slack, webhooks) may call. */
  PALISADE_NOTIFY_ALLOW_HOSTS: notifyHosts,
  PALISADE_LOG_LEVEL: z.preprocess(
    emptyAsUnset,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
};

const serverEnvSchema = z.object(serverEnvFields);
export type ServerEnv = z.infer<typeof serverEnvSchema> & {
  PALISADE_ALLOW_HOSTS: string[];
  PALISADE_ADMIN_API_URL?: string | undefined;
  PALISADE_MARKETPLACE_URL?: string | undefined;
  PALISADE_AUTH_URL?: string | undefined;
  PALISADE_BITBUCKET_API_URL?: string | undefined;
};

function baseUrl(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  try {
    const u = new URL(raw);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password) return u.origin;
  } catch {}
  throw new ConfigError(
    `the environment variable ${name} must be an http(s) URL without a user name or password`,
  );
}

export function baseUrlsOf(env: ServerEnv): BaseUrls {
  return {
    api: baseUrl('PALISADE_ADMIN_API_URL', env.PALISADE_ADMIN_API_URL, ATLASSIAN_BASE_URLS.api),
    marketplace: baseUrl(
      'PALISADE_MARKETPLACE_URL',
      env.PALISADE_MARKETPLACE_URL,
      ATLASSIAN_BASE_URLS.marketplace,
    ),
    auth: baseUrl('PALISADE_AUTH_URL', env.PALISADE_AUTH_URL, ATLASSIAN_BASE_URLS.auth),
    ...(env.PALISADE_BITBUCKET_API_URL !== undefined
      ? { bitbucket: baseUrl('PALISADE_BITBUCKET_API_URL', env.PALISADE_BITBUCKET_API_URL, '') }
      : {}),
  };
}

/** The server's settings from its environment; `listening` is the address it listens on (the public URL's default). */
export function serverSettingsOf(env: ServerEnv, listening: string): ServerSettings {
  const oauthParts = [
    env.PALISADE_OAUTH_CLIENT_ID,
    env.PALISADE_OAUTH_CLIENT_SECRET,
    env.PALISADE_OAUTH_REDIRECT_URL,
  ];
  const given = oauthParts.filter((p) => p !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new ConfigError(
      'the environment variables PALISADE_OAUTH_CLIENT_ID, PALISADE_OAUTH_CLIENT_SECRET and PALISADE_OAUTH_REDIRECT_URL must be set together (or none of them)',
    );
  }
  if ((env.PALISADE_SMTP_URL === undefined) !== (env.PALISADE_MAIL_FROM === undefined)) {
    throw new ConfigError(
      'the environment variables PALISADE_SMTP_URL and PALISADE_MAIL_FROM must be set together (or none of them)',
    );
  }
  const publicUrl = (env.PALISADE_PUBLIC_URL ?? listening).replace(/\/+$/, '');
  return {
    publicUrl,
    allowHosts: env.PALISADE_ALLOW_HOSTS,
    baseUrls: baseUrlsOf(env),
    scanIntervalMs: env.PALISADE_SCAN_INTERVAL,
    excessiveSyncMs: env.PALISADE_EXCESSIVE_SYNC,
    webDist: WEB_DIST,
    notify: {
      allowHosts: env.PALISADE_NOTIFY_ALLOW_HOSTS,
      ...(env.PALISADE_SMTP_URL && env.PALISADE_MAIL_FROM
        ? { smtp: { url: env.PALISADE_SMTP_URL, from: env.PALISADE_MAIL_FROM } }
        : {}),
    },
    ...(env.PALISADE_OAUTH_CLIENT_ID && env.PALISADE_OAUTH_CLIENT_SECRET && env.PALISADE_OAUTH_REDIRECT_URL
      ? {
          oauth: {
            clientId: env.PALISADE_OAUTH_CLIENT_ID,
            clientSecret: env.PALISADE_OAUTH_CLIENT_SECRET,
            redirectUrl: env.PALISADE_OAUTH_REDIRECT_URL,
          },
        }
      : {}),
  };
}

/** PALISADE_TRUST_PROXY as Fastify's trustProxy: true, or a list of addresses. */
export function trustProxyOf(env: ServerEnv): boolean | string | undefined {
  const v = env.PALISADE_TRUST_PROXY?.trim();
  if (v === undefined) return undefined;
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  return v;
}

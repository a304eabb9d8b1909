import { ConfigError } from '../config/env.ts';
import { CliError } from './cli-error.ts';

// Turns whatever reached main into ONE line naming the problem and the fix. Errors are told apart
// by their `code` (src/atlassian, src/sync, src/inventory and the database drivers all set one),
// so the CLI needs no import of the modules that throw them.

interface Coded {
  code?: unknown;
  message?: unknown;
  url?: unknown;
  endpointId?: unknown;
  networkCode?: unknown;
  errcode?: unknown;
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof ConfigError) return `${error.message} — fix the environment variable named`;
  if (typeof error !== 'object' || error === null) return `unexpected error: ${String(error)}`;
  const e = error as Coded;
  const message = typeof e.message === 'string' ? firstLine(e.message) : String(error);
  const host = hostOf(e.url);
  switch (e.code) {
    case 'credential_rejected':
      return host
        ? `${host} rejected the credential (401: revoked, expired or mistyped) — check the e-mail and API token or org API key given for it`
        : 'Atlassian rejected the credential (401: revoked, expired or mistyped) — check the e-mail and API token or org API key';
    case 'host_not_allowed': {
      const reason = message.replace(/^outbound call refused: /, '').replace(/ \([^()]*\)$/, '');
      if (/over https/.test(reason)) return `${reason} — use an https:// URL`;
      return host
        ? `${reason} — add --allow-host ${host} (or PALISADE_ALLOW_HOSTS) if you trust it`
        : `${reason} — add the host with --allow-host (or PALISADE_ALLOW_HOSTS) if you trust it`;
    }
    case 'network':
      return `cannot reach ${host ?? 'the host'} (${typeof e.networkCode === 'string' ? e.networkCode : 'network error'}) — check the URL and that the host is up and reachable from here`;
    case 'forbidden':
      return `${message} — give the credential the permission named, or use an admin's credential`;
    case 'rate_limited':
      return `${message} — Atlassian asked to slow down for longer than Palisade waits; run the scan again later`;
    case 'server_error':
      return `${message} — Atlassian answered with a server error; run the scan again later`;
    // Errors whose message already names the problem and the fix (src/report, src/app-risk/actions).
    case 'write_failed':
    case 'unknown_format':
    case 'output_needs_one_format':
    case 'write_consent_required':
    case 'not_permitted':
    case 'invalid_request':
    case 'app_not_in_inventory':
    case 'not_site_admin':
    case 'write_credential_rejected':
    case 'app_not_removable':
      return message;
    case 'connection_not_found':
    case 'no_complete_snapshot':
      return `${message} — run palisade scan with this --db first`;
    case 'sync_interrupted':
      return 'the scan was interrupted — run it again with the same --db to resume where it stopped';
    case 'migration_failed':
    case 'ERR_SQLITE_ERROR':
      return databaseLine(message);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case '28P01':
    case '3D000':
      return `cannot open the PostgreSQL database (${message}) — check the --db URL and that the server is up`;
  }
  return `unexpected error: ${message} — run again with --debug for details`;
}

function databaseLine(message: string): string {
  if (/not a database|malformed|file is (encrypted|not)/i.test(message)) {
    return `the --db file is not a Palisade database (${message}) — pass the file a scan wrote with --db`;
  }
  return `database error: ${message} — check the --db path or URL`;
}

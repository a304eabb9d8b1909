import { CliError } from '../cli-error.ts';

/** A Data Center base URL: like `parseBaseUrl`, but its context path kept (`https://host/jira`). */
export function parseDataCenterUrl(flag: string, raw: string): string {
  const origin = parseBaseUrl(flag, raw, 'https://jira.example.com');
  const path = new URL(raw.trim()).pathname.replace(/\/+$/, '');
  return `${origin}${path}`;
}

/**
 * An http(s) URL given on the command line, reduced to its origin (`https://acme.atlassian.net`):
 * a site pasted from the browser's address bar (`…/jira/your-work`) still names the site.
 */
export function parseBaseUrl(flag: string, raw: string, example: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CliError(
      'invalid_url',
      `${flag} "${raw}" is not a valid URL — pass an address like ${example}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CliError(
      'invalid_url',
      `${flag} "${raw}" is not an http(s) URL — pass an address like ${example}`,
    );
  }
  if (url.username || url.password) {
    // Never echo it: the user part may hold a credential.
    throw new CliError(
      'invalid_url',
      `${flag} must not carry a user name or password — pass credentials with their own flags or variables`,
    );
  }
  return url.origin;
}

const HOST_PORT = /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

/** `--allow-host` entries: `host`, `host:port` or `*.domain`, as PALISADE_ALLOW_HOSTS takes them. */
export function parseAllowHost(raw: string): string {
  const host = raw.trim().toLowerCase();
  if (!HOST_PORT.test(host)) {
    throw new CliError(
      'invalid_input',
      `--allow-host "${raw}" is not a host or host:port — pass e.g. --allow-host 127.0.0.1:4000`,
    );
  }
  return host;
}

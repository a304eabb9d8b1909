import type { QueryValue, SiteRef } from './api.ts';
import type { Endpoint } from './catalogue/index.ts';

// Where a catalogue endpoint lives for a given credential: site endpoints on the site's own URL
// (classic API tokens, anonymous) or through the gateway `api.atlassian.com/ex/{jira|confluence}/{cloudId}`
// (OAuth, https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#3--make-calls-to-the-api-using-the-access-token;
// API tokens with scopes, Basic auth, https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/),
// the other hosts on their fixed base URLs (overridable for the simulator).

export interface BaseUrls {
  api: string;
  marketplace: string;
  auth: string;
  /** Bitbucket Cloud's REST API (paths start `/2.0`); default `https://api.bitbucket.org`. */
  bitbucket?: string;
}

export const ATLASSIAN_BASE_URLS: BaseUrls = {
  api: 'https://api.atlassian.com',
  marketplace: 'https://marketplace.atlassian.com',
  auth: 'https://auth.atlassian.com',
  bitbucket: 'https://api.bitbucket.org',
};

export type UrlProblem = { problem: string };

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** The path with `{name}` placeholders filled (each value encoded as one path segment). */
export function fillPath(path: string, params: Record<string, string | number> = {}): string | UrlProblem {
  const missing: string[] = [];
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      missing.push(name);
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing.length > 0 ? { problem: `missing path parameter ${missing.join(', ')}` } : filled;
}

/** Repeated parameters for lists (`?status=a&status=b`), the form Atlassian's APIs take. */
export function appendQuery(url: URL, query: Record<string, QueryValue> = {}): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(name, String(v));
    else url.searchParams.set(name, String(value));
  }
}

/**
 * Whether the gateway serves a site endpoint: the REST APIs 3LO reaches do; UPM and the GraphQL
 * gateway, which no 3LO scope covers, answer only on the site host.
 */
export function servedThroughGateway(e: Endpoint): boolean {
  return e.host === 'site' && e.auth.includes('oauth');
}

export function baseUrlFor(
  e: Endpoint,
  site: SiteRef | undefined,
  via: 'site' | 'gateway',
  bases: BaseUrls,
): string | UrlProblem {
  switch (e.host) {
    case 'site': {
      if (!site) return { problem: 'a site endpoint needs options.site' };
      if (via === 'site') return trimSlash(site.url);
      const product = e.product === 'confluence' ? 'confluence' : 'jira';
      return `${trimSlash(bases.api)}/ex/${product}/${encodeURIComponent(site.cloudId)}`;
    }
    case 'data-center':
      // A Data Center site's base URL is the operator's (context path included).
      if (!site) return { problem: 'a Data Center endpoint needs options.site' };
      return trimSlash(site.url);
    case 'api':
      return trimSlash(bases.api);
    case 'marketplace':
      return trimSlash(bases.marketplace);
    case 'auth':
      return trimSlash(bases.auth);
    case 'bitbucket':
      return trimSlash(bases.bitbucket ?? ATLASSIAN_BASE_URLS.bitbucket ?? 'https://api.bitbucket.org');
  }
}

import { dcApplicationLinks } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { dataCenterProductOf } from './dc-sources.ts';
import { toItems } from './normalize.ts';
import { arr, bool, str } from './values.ts';

// Application links (/rest/applinks/1.0/listApplicationlinks) with the authentication configured
// each way, by provider class (applinks' `AuthenticationProvider` types).

const PROVIDER = 'com.atlassian.applinks.api.auth.types.';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

export const collector = defineCollector({
  dataset: dcApplicationLinks,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, dcApplicationLinks.name);
    const product = dataCenterProductOf(site, dcApplicationLinks.name);
    const { list } = await ctx.api.call('dc.applinks.list', { site });
    const records = list.map((l) => {
      const a = l.application;
      const providers = new Set(
        [...arr(l.configuredOutboundAuthenticators), ...arr(l.configuredInboundAuthenticators)]
          .filter((p): p is string => typeof p === 'string')
          .map((p) => p.replace(PROVIDER, '')),
      );
      // Without the authenticator lists, how the link authenticates is unknown, not "none".
      const known =
        Array.isArray(l.configuredOutboundAuthenticators) || Array.isArray(l.configuredInboundAuthenticators);
      const has = (name: string) => (known ? providers.has(name) : null);
      return {
        product,
        id: a.id,
        name: a.name,
        type: a.typeId,
        displayUrl: str(a.displayUrl) ?? a.rpcUrl,
        rpcUrl: a.rpcUrl,
        host: hostOf(a.rpcUrl),
        primary: bool(a.isPrimary) ?? false,
        system: bool(a.isSystem) ?? false,
        oauth: known
          ? providers.has('OAuthAuthenticationProvider') ||
            providers.has('TwoLeggedOAuthAuthenticationProvider')
          : null,
        oauthImpersonation: has('TwoLeggedOAuthWithImpersonationAuthenticationProvider'),
        trustedApps: has('TrustedAppsAuthenticationProvider'),
        basicAccess: has('BasicAuthenticationProvider'),
      };
    });
    yield { items: toItems(dcApplicationLinks, records), checkpoint: null };
  },
});

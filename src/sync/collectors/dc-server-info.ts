import { dcServerInfo } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { dataCenterProductOf } from './dc-sources.ts';
import { toItem } from './normalize.ts';
import { num, str } from './values.ts';

// The product version: Jira's `serverInfo`; Confluence DC has none, so the application-links
// manifest (its version, build number and base URL; https://developer.atlassian.com/server/framework/atlassian-sdk/rest/)
// stands in.

function versionNumbers(version: string, sent: unknown): number[] {
  if (Array.isArray(sent) && sent.every((n) => typeof n === 'number')) return sent as number[];
  return version
    .split('.')
    .map((part) => Number.parseInt(part, 10))
    .filter((n) => Number.isFinite(n));
}

export const collector = defineCollector({
  dataset: dcServerInfo,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, dcServerInfo.name);
    const product = dataCenterProductOf(site, dcServerInfo.name);
    if (product === 'jira-data-center') {
      const s = await ctx.api.call('dc.jira.serverInfo.get', { site });
      const item = toItem(dcServerInfo, {
        product,
        baseUrl: s.baseUrl,
        version: s.version,
        versionNumbers: versionNumbers(s.version, s.versionNumbers),
        buildNumber: num(s.buildNumber),
        buildDate: str(s.buildDate),
        deploymentType: str(s.deploymentType),
        serverTitle: str(s.serverTitle),
      });
      yield { items: [item], checkpoint: null };
      return;
    }
    const m = await ctx.api.call('dc.confluence.manifest.get', { site });
    const item = toItem(dcServerInfo, {
      product,
      baseUrl: m.url,
      version: m.version,
      versionNumbers: versionNumbers(m.version, undefined),
      buildNumber: num(m.buildNumber),
      buildDate: null,
      deploymentType: null,
      serverTitle: str(m.name),
    });
    yield { items: [item], checkpoint: null };
  },
});

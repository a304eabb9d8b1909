import { jiraServerInfo } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { num, str } from './values.ts';

export const collector = defineCollector({
  dataset: jiraServerInfo,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraServerInfo.name);
    const s = await ctx.api.call('jira.serverInfo.get', { site });
    yield {
      items: [
        toItem(jiraServerInfo, {
          baseUrl: s.baseUrl,
          version: str(s.version),
          buildNumber: num(s.buildNumber),
          deploymentType: str(s.deploymentType),
          serverTitle: str(s.serverTitle),
        }),
      ],
      checkpoint: null,
    };
  },
});

import { jiraConfiguration } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { bool } from './values.ts';

export const collector = defineCollector({
  dataset: jiraConfiguration,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraConfiguration.name);
    const c = await ctx.api.call('jira.configuration.get', { site });
    yield {
      items: [
        toItem(jiraConfiguration, {
          votingEnabled: bool(c.votingEnabled),
          watchingEnabled: bool(c.watchingEnabled),
          unassignedIssuesAllowed: bool(c.unassignedIssuesAllowed),
          subTasksEnabled: bool(c.subTasksEnabled),
          issueLinkingEnabled: bool(c.issueLinkingEnabled),
          timeTrackingEnabled: bool(c.timeTrackingEnabled),
          attachmentsEnabled: bool(c.attachmentsEnabled),
        }),
      ],
      checkpoint: null,
    };
  },
});

import { jiraGroups } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { accessGroups } from './access-groups.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';

export function jiraGroupsCollector(): Collector {
  return {
    dataset: jiraGroups.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.groups.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraGroups.name);
      yield {
        items: toItems(jiraGroups, await accessGroups(ctx, site, 'jira.groups.list')),
        checkpoint: null,
      };
    },
  };
}

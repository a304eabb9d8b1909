import { jiraIssueSecuritySchemes } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, bool, obj, str } from './values.ts';

export const collector = defineCollector({
  dataset: jiraIssueSecuritySchemes,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraIssueSecuritySchemes.name);
    const body = await ctx.api.call('jira.issueSecuritySchemes.list', { site });
    const schemes = body.issueSecuritySchemes.map((s) => ({
      id: s.id,
      name: s.name,
      description: str(s.description),
      defaultLevelId: str(s.defaultSecurityLevelId),
      levels: arr(s.levels).map((l) => ({
        id: str(obj(l).id),
        name: str(obj(l).name),
        isDefault: bool(obj(l).isDefault) ?? false,
      })),
    }));
    yield { items: toItems(jiraIssueSecuritySchemes, schemes), checkpoint: null };
  },
});

import { jiraIssueSecuritySchemes } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, bool, num, obj, str } from './values.ts';

export function jiraIssueSecuritySchemesCollector(): Collector {
  return {
    dataset: jiraIssueSecuritySchemes.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.issueSecuritySchemes.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraIssueSecuritySchemes.name);
      const body = obj(await ctx.api.call('jira.issueSecuritySchemes.list', { site }));
      const schemes = arr(body.issueSecuritySchemes).map((raw) => {
        const s = obj(raw);
        return {
          id: num(s.id),
          name: str(s.name),
          description: str(s.description),
          defaultLevelId: str(s.defaultSecurityLevelId),
          levels: arr(s.levels).map((l) => ({
            id: str(obj(l).id),
            name: str(obj(l).name),
            isDefault: bool(obj(l).isDefault) ?? false,
          })),
        };
      });
      yield { items: toItems(jiraIssueSecuritySchemes, schemes), checkpoint: null };
    },
  };
}

import { jiraUsers } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { bool, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Every account of the site, 1,000 per page (the endpoint's maximum): people and, above all, the
// app accounts (`accountType: app`) that reveal what apps can do. E-mail addresses are not kept.

export function jiraUsersCollector(): Collector {
  return {
    dataset: jiraUsers.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.users.search'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraUsers.name);
      yield* walk(ctx, 'jira.users.search', { site }, (raws) =>
        raws.map((raw) => {
          const u = obj(raw);
          return toItem(jiraUsers, {
            accountId: str(u.accountId),
            accountType: str(u.accountType) ?? 'unknown',
            displayName: str(u.displayName),
            active: bool(u.active) ?? true,
          });
        }),
      );
    },
  };
}

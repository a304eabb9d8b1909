import { jiraUsers } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { bool, str } from './values.ts';
import { walk } from './walk.ts';

// Every account of the site, 1,000 per page (the endpoint's maximum): people and, above all, the
// app accounts (`accountType: app`) that reveal what apps can do. E-mail addresses are not kept.

export const collector = defineCollector({
  dataset: jiraUsers,
  // A plain array: a full last page costs one more (empty) call to see the end.
  cost: ({ records, pages }) => pages('jira.users.search', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, jiraUsers.name);
    yield* walk(ctx, 'jira.users.search', { site }, (users) =>
      users.map((u) =>
        toItem(jiraUsers, {
          accountId: u.accountId,
          accountType: u.accountType,
          displayName: str(u.displayName),
          active: bool(u.active) ?? true,
        }),
      ),
    );
  },
});

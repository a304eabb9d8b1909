import type { ReadOf } from '../../atlassian/api.ts';
import { dcGlobalPermissions } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { dataCenterProductOf, notExposed, optionalRead } from './dc-sources.ts';
import { toItems } from './normalize.ts';

// Global permissions with their holders. Neither Jira DC nor Confluence DC documents a REST read
// of the holders (Jira's /rest/api/2/permissions lists keys only): where the instance answers 404
// the dataset stays empty and partial, and the checks ask for an attestation instead.

type Grants = ReadOf<'dc.jira.globalPermissions.list'>['globalPermissions'];

/** Jira writes "Anyone" as a holder of type `anyone`; a group named `*` or none means the same. */
function toRecords(product: string, grants: Grants) {
  return grants.map((g) => ({
    product,
    permission: g.permission,
    groups: g.holders.flatMap((h) => (h.type === 'group' && h.parameter ? [h.parameter] : [])),
    users: g.holders.flatMap((h) => (h.type === 'user' && h.parameter ? [h.parameter] : [])),
    anonymous: g.holders.some((h) => h.type === 'anyone' || h.type === 'anonymous'),
    allLoggedIn: g.holders.some((h) => h.type === 'applicationRole' || h.type === 'loggedin'),
  }));
}

export const collector = defineCollector({
  dataset: dcGlobalPermissions,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, dcGlobalPermissions.name);
    const product = dataCenterProductOf(site, dcGlobalPermissions.name);
    const answer = await optionalRead(() =>
      product === 'jira-data-center'
        ? ctx.api.call('dc.jira.globalPermissions.list', { site })
        : ctx.api.call('dc.confluence.globalPermissions.list', { site }),
    );
    if (!answer) {
      yield {
        items: [],
        checkpoint: null,
        partial: notExposed(
          'Who holds the global permissions',
          'an attestation of the global permissions page',
        ),
      };
      return;
    }
    yield {
      items: toItems(dcGlobalPermissions, toRecords(product, answer.globalPermissions)),
      checkpoint: null,
    };
  },
});

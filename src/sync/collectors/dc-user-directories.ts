import { dcUserDirectories } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { dataCenterProductOf, notExposed, optionalRead } from './dc-sources.ts';
import { toItems } from './normalize.ts';
import { bool, num, str } from './values.ts';

// User directories in the order they are searched. No documented REST resource on either
// product: a 404 leaves the dataset empty and partial.

export const collector = defineCollector({
  dataset: dcUserDirectories,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, dcUserDirectories.name);
    const product = dataCenterProductOf(site, dcUserDirectories.name);
    const listed = await optionalRead(async () =>
      product === 'jira-data-center'
        ? (await ctx.api.call('dc.jira.userDirectories.list', { site })).map((d) => ({
            ...d,
            order: d.position,
          }))
        : (await ctx.api.call('dc.confluence.userDirectories.list', { site })).directories,
    );
    if (!listed) {
      yield {
        items: [],
        checkpoint: null,
        partial: notExposed('The user directories', 'an attestation of the user directories'),
      };
      return;
    }
    const records = listed.map((d, i) => ({
      product,
      id: String(d.id),
      name: d.name,
      type: d.type,
      implementation: str(d.implementation),
      active: d.active,
      order: num(d.order) ?? i + 1,
      secureConnection: bool(d.secure),
    }));
    yield { items: toItems(dcUserDirectories, records), checkpoint: null };
  },
});

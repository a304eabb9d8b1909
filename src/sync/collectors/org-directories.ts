import { orgDirectories } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { walk } from './walk.ts';

export const collector = defineCollector({
  dataset: orgDirectories,
  cost: ({ records, pages }) => pages('admin.directories.list', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgDirectories.name);
    yield* walk(ctx, 'admin.directories.list', { params: { orgId } }, (directories) =>
      directories.map((d) => toItem(orgDirectories, { id: d.directoryId, name: d.name })),
    );
  },
});

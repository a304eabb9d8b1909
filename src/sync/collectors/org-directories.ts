import { orgDirectories } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { obj, str } from './values.ts';
import { walk } from './walk.ts';

export function orgDirectoriesCollector(): Collector {
  return {
    dataset: orgDirectories.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.directories.list'],
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgDirectories.name);
      yield* walk(ctx, 'admin.directories.list', { params: { orgId } }, (raws) =>
        raws.map((raw) => {
          const d = obj(raw);
          return toItem(orgDirectories, { id: str(d.directoryId) ?? str(d.id), name: str(d.name) });
        }),
      );
    },
  };
}

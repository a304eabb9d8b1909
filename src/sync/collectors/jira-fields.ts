import { jiraFields } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { obj, str } from './values.ts';
import { walk } from './walk.ts';

// Custom fields only (`type=custom`: system fields never belong to an app), 50 per page; a field
// is kept when its type names an app: Connect `com.atlassian.plugins.atlassian-connect-plugin:<app
// key>__<module>` or Forge `ari:cloud:ecosystem::extension/<app id>/<environment>/...`.

const CONNECT = /^com\.atlassian\.plugins\.atlassian-connect-plugin:(.+?)__/;
const FORGE = /^ari:cloud:ecosystem::extension\/([0-9a-fA-F-]{36})\//;

export function appOfFieldType(customType: string): { appKey: string | null; appId: string | null } | null {
  const connect = CONNECT.exec(customType);
  if (connect) return { appKey: connect[1] as string, appId: null };
  const forge = FORGE.exec(customType);
  if (forge) return { appKey: null, appId: (forge[1] as string).toLowerCase() };
  return null;
}

export function jiraFieldsCollector(): Collector {
  return {
    dataset: jiraFields.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.fields.search'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraFields.name);
      yield* walk(ctx, 'jira.fields.search', { site, query: { type: 'custom' } }, (raws) =>
        raws.flatMap((raw) => {
          const f = obj(raw);
          const customType = str(obj(f.schema).custom);
          const app = customType ? appOfFieldType(customType) : null;
          if (!customType || !app) return [];
          return [toItem(jiraFields, { id: str(f.id), name: str(f.name), customType, ...app })];
        }),
      );
    },
  };
}

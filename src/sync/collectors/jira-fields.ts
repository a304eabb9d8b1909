import { jiraFields } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
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

export const collector = defineCollector({
  dataset: jiraFields,
  // Every custom field is read, only app-provided ones kept: the site's count is a fact the records lack.
  cost: ({ records, pages, facts }) => pages('jira.fields.search', facts.customFields ?? records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, jiraFields.name);
    yield* walk(ctx, 'jira.fields.search', { site, query: { type: 'custom' } }, (fields) =>
      fields.flatMap((f) => {
        const customType = str(obj(f.schema).custom);
        const app = customType ? appOfFieldType(customType) : null;
        if (!customType || !app) return [];
        return [toItem(jiraFields, { id: f.id, name: f.name, customType, ...app })];
      }),
    );
  },
});

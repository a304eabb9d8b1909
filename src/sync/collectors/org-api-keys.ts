import { orgApiKeys } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, isoDay, isoTime, obj, str } from './values.ts';
import { walk } from './walk.ts';

// The org's API keys (Settings → API keys) from the API Access API: who created each, when it
// expires, when it was last used and its scopes. A key without scopes or with read:keys:admin may
// read them; otherwise the dataset is forbidden, naming the scope.
// https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key/
export const collector = defineCollector({
  dataset: orgApiKeys,
  cost: ({ records, pages }) => pages('admin.apiAccess.apiKeys.list', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgApiKeys.name);
    yield* walk(ctx, 'admin.apiAccess.apiKeys.list', { params: { orgId } }, (keys) =>
      keys.flatMap((k) => {
        // Nothing to identify it by: not a key Palisade can report on.
        if (!k.id) return [];
        const creator = obj(k.createdBy);
        return [
          toItem(orgApiKeys, {
            id: k.id,
            label: str(k.label) ?? '',
            createdAt: isoTime(k.createdAt),
            expiresAt: isoTime(k.expiresAt),
            // To the day: the key Palisade uses is stamped on every call.
            lastActiveAt: isoDay(k.lastActiveAt),
            scopes: arr(k.scopes).filter((s): s is string => typeof s === 'string'),
            creatorId: str(creator.id),
            creatorName: str(creator.name),
          }),
        ];
      }),
    );
  },
});

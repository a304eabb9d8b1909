import type { ApiStats, AtlassianApi, Page } from '../../atlassian/api.ts';

/** An AtlassianApi for engine tests whose fake collectors never call Atlassian. */
export function fakeApi(): AtlassianApi {
  const stats: ApiStats = { calls: 0, retries: 0, rateLimited: 0 };
  return {
    call: async <T>(endpointId: string): Promise<T> => {
      throw new Error(`fake api: unexpected call to ${endpointId}`);
    },
    pages: <T>(endpointId: string): AsyncIterable<Page<T>> => ({
      [Symbol.asyncIterator]: () => {
        throw new Error(`fake api: unexpected walk of ${endpointId}`);
      },
    }),
    stats: () => ({ ...stats }),
  };
}

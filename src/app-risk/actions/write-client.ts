import type { AtlassianApi } from '../../atlassian/api.ts';
import { type AtlassianClientDeps, createAtlassianClient } from '../../atlassian/client.ts';
import type { Credentials } from '../../atlassian/credentials.ts';

// The client an action writes through: built from the write credential alone, so the read-only
// credential (and the org API key) can never be used for a change. One per action run.

export type WriteApi = AtlassianApi & { close(): Promise<void> };
export type CreateWriteApi = (credentials: Credentials) => WriteApi;

export interface WriteClientOptions {
  /** Operator-allowed extra hosts (src/config PALISADE_ALLOW_HOSTS). */
  allowHosts: readonly string[];
  /** The simulator's listeners, or another non-default Atlassian base URL. */
  baseUrls?: AtlassianClientDeps['baseUrls'] | undefined;
  clientOptions?: AtlassianClientDeps['options'] | undefined;
  /** Replace the client (tests: a recording fake). */
  createApi?: CreateWriteApi | undefined;
}

export function writeClientFactory(options: WriteClientOptions): CreateWriteApi {
  if (options.createApi) return options.createApi;
  return (credentials) =>
    createAtlassianClient({
      credentials: {
        ...(credentials.site ? { site: credentials.site } : {}),
        ...(credentials.dataCenterToken ? { dataCenterToken: credentials.dataCenterToken } : {}),
      },
      allowHosts: options.allowHosts,
      ...(options.baseUrls ? { baseUrls: options.baseUrls } : {}),
      ...(options.clientOptions ? { options: options.clientOptions } : {}),
    });
}

import type { Credentials } from '../../atlassian/credentials.ts';
import { WriteConsentRequiredError } from './errors.ts';

// Write consent: a credential the tenant's admin gave for changes, separate from the read-only
// one the syncs use (a site admin's API token, or an OAuth grant that includes a write scope; on a
// Data Center instance, a system administrator's personal access token).
// Its absence is the absence of consent; the caller decrypts and passes it, nothing stores it here.

export interface ActionConnection {
  id: string;
  /** The write credential; absent = the connection has no write consent. */
  writeCredentials?: Credentials | undefined;
}

const WRITE_SCOPE = /^(write|manage|delete):/;

/**
 * The write credential the action may use, or WriteConsentRequiredError. `upm`: the action calls
 * the Universal Plugin Manager, which takes Basic auth only (no 3LO scope covers it).
 * `dataCenter`: it calls a Data Center instance's UPM, which takes only the personal access token
 * (Bearer) of an administrator — a Cloud credential there is no consent.
 */
export function requireWriteConsent(
  connection: ActionConnection,
  upm: boolean,
  dataCenter = false,
): Credentials {
  const credentials = connection.writeCredentials;
  if (credentials?.dataCenterToken) return credentials;
  if (dataCenter) throw new WriteConsentRequiredError(connection.id, 'absent_data_center');
  const site = credentials?.site;
  if (!credentials || !site) throw new WriteConsentRequiredError(connection.id, 'absent');
  if (site.kind === 'oauth') {
    if (!site.tokens.scopes.some((s) => WRITE_SCOPE.test(s))) {
      throw new WriteConsentRequiredError(connection.id, 'oauth_without_write_scope');
    }
    if (upm) throw new WriteConsentRequiredError(connection.id, 'oauth_cannot_manage_apps');
  }
  return credentials;
}

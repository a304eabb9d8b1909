import { getConnection } from '../../inventory/connections.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import { describeRole } from '../../sync/credential-access.ts';
import { connect } from '../connect.ts';
import { connectDataCenter } from '../connect-data-center.ts';
import { deleteCredential, saveCredential } from '../credentials/credential-store.ts';
import { ManagedConnectionError } from './connection-errors.ts';
import { activeProfile } from './connection-profile.ts';
import type { ManagedConnectionDeps } from './managed-deps.ts';

// The write consent (Zscaler: "people not granted revocation rights cannot revoke or ban apps";
// the guides keep app actions apart from reading): a site admin's API token, verified to be one
// on every site of the connection and able to reach UPM (a classic token: one with scopes only
// passes the gateway, which cannot reach UPM), stored sealed with purpose 'write' and used only for
// app actions. Revoking it deletes it.

export async function grantWriteConsent(
  deps: ManagedConnectionDeps,
  connectionId: string,
  credential: { adminEmail: string; apiToken: string } | { personalAccessToken: string },
  by: string | null,
): Promise<{ last4: string | undefined }> {
  await activeProfile(deps.db, connectionId);
  const record = await getConnection(deps.db, connectionId);
  if (!record || record.sites.length === 0) {
    throw new ManagedConnectionError('connection_not_found', `connection ${connectionId} has no sites`);
  }
  const dataCenterSite = record.sites.find((s) => s.products.some(isDataCenterProduct));
  if (dataCenterSite || 'personalAccessToken' in credential) {
    if (!dataCenterSite || !('personalAccessToken' in credential)) {
      throw new ManagedConnectionError(
        'invalid_input',
        dataCenterSite
          ? `connection ${connectionId} is a Data Center instance: its write consent is a system administrator's personalAccessToken`
          : `connection ${connectionId} is no Data Center instance: its write consent is a site admin's adminEmail and apiToken`,
      );
    }
    return grantDataCenterWriteConsent(
      deps,
      connectionId,
      dataCenterSite.url,
      credential.personalAccessToken,
      by,
    );
  }
  const { target } = await connect(
    {
      sites: record.sites.map((s) => s.url),
      siteCredential: { email: credential.adminEmail, apiToken: credential.apiToken },
    },
    deps,
  );
  if (target.credentials.site?.kind === 'basic' && target.credentials.site.scoped) {
    throw new ManagedConnectionError(
      'not_site_admin',
      'the API token has scopes: it cannot reach UPM, where apps are disabled and uninstalled',
      { fix: 'create an API token without scopes for a site admin' },
    );
  }
  const short = target.sites.filter((s) => {
    const access = target.access?.[s.cloudId];
    return !(access && (access.siteAdmin === true || access.orgAdmin === true));
  });
  if (short.length > 0) {
    const hosts = short.map((s) => {
      const role = target.access?.[s.cloudId]?.role ?? 'unknown';
      return `${new URL(s.url).host} (${describeRole(role)})`;
    });
    throw new ManagedConnectionError(
      'not_site_admin',
      `the write consent needs a site admin on every site; ${credential.adminEmail} is not one on ${hosts.join(', ')}`,
      { fix: 'give the e-mail and API token of a site admin' },
    );
  }
  await saveCredential(deps.db, deps.secretBox, {
    connectionId,
    purpose: 'write',
    bundle: { method: 'api-token', adminEmail: credential.adminEmail, apiToken: credential.apiToken },
    by,
    now: deps.now(),
  });
  return { last4: credential.apiToken.length >= 8 ? credential.apiToken.slice(-4) : undefined };
}

/**
 * A Data Center instance's write consent: a personal access token verified on the instance (a 401
 * refuses it) and found to administer its product, since UPM answers anyone else 401.
 */
async function grantDataCenterWriteConsent(
  deps: ManagedConnectionDeps,
  connectionId: string,
  baseUrl: string,
  personalAccessToken: string,
  by: string | null,
): Promise<{ last4: string | undefined }> {
  const { target } = await connectDataCenter({ kind: 'data-center', baseUrl, personalAccessToken }, deps);
  const site = target.sites[0];
  const access = site ? target.access?.[site.cloudId] : undefined;
  if (access?.jiraAdmin !== true && access?.confluenceAdmin !== true) {
    throw new ManagedConnectionError(
      'not_site_admin',
      `the write consent needs an administrator of ${new URL(baseUrl).host}; the token is ${describeRole(access?.role ?? 'unknown')} there`,
      { fix: "give a system administrator's personal access token" },
    );
  }
  await saveCredential(deps.db, deps.secretBox, {
    connectionId,
    purpose: 'write',
    bundle: { method: 'api-token', personalAccessToken },
    by,
    now: deps.now(),
  });
  return { last4: personalAccessToken.length >= 8 ? personalAccessToken.slice(-4) : undefined };
}

export async function revokeWriteConsent(
  deps: ManagedConnectionDeps,
  connectionId: string,
): Promise<boolean> {
  await activeProfile(deps.db, connectionId);
  return deleteCredential(deps.db, connectionId, 'write');
}

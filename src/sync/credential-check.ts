import type { SiteRef } from '../atlassian/api.ts';
import { endpoints } from '../atlassian/catalogue/index.ts';
import type { CanaryCredential, CredentialCanary } from '../atlassian/credential-canary.ts';
import { type RefusedCall, refusedDespiteWorkingCredential } from '../atlassian/unauthorized.ts';
import type { Collector } from './collector.ts';

// Before a 401 stops the sync. Atlassian answers 401 to working credentials (UPM to a user who is
// not a site admin, a site an OAuth grant does not cover), so a dataset's 401 ends the run only
// when a canary call with the same credential fails too; otherwise the dataset is forbidden,
// saying why. The canary is the run's, so its verdict is asked once per credential.

export interface RefusedDataset {
  /** The site the dataset reads (site datasets). */
  site: SiteRef | undefined;
  credential: Collector['credential'];
}

/** The error to classify: the 401 itself when the credential is rejected, else what it meant. */
export type RejectionCheck = (error: unknown, dataset: RefusedDataset) => Promise<unknown>;

export function rejectionCheck(canary: CredentialCanary): RejectionCheck {
  return async (error, dataset) => {
    const verdict = await canary.check(credentialOf(error, dataset.credential), dataset.site);
    return verdict.works ? refusedDespiteWorkingCredential(refusedCall(error), verdict.via) : error;
  };
}

/** Which credential the refused call carried: the error says so; else the endpoint, else the collector. */
export function credentialOf(error: unknown, collector: Collector['credential']): CanaryCredential {
  const e = fields(error);
  if (e.authKind === 'org-key') return 'org';
  if (e.authKind === 'basic' || e.authKind === 'oauth' || e.authKind === 'access-token') return 'site';
  const declared = endpoints.find((x) => x.id === e.endpointId);
  if (declared?.auth.includes('org-key')) return 'org';
  if (declared?.host === 'site' || declared?.host === 'bitbucket') return 'site';
  return collector === 'org' ? 'org' : 'site';
}

function fields(error: unknown): Record<string, unknown> {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
}

function refusedCall(error: unknown): RefusedCall {
  const e = fields(error);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    endpointId: text(e.endpointId) ?? 'unknown',
    method: text(e.method) ?? 'GET',
    url: text(e.url) ?? '',
    status: typeof e.status === 'number' ? e.status : 401,
    serverMessage: text(e.serverMessage),
  };
}

import {
  type AtlassianApi,
  bitbucketWorkspace,
  type CallOptions,
  type EndpointId,
  type SiteRef,
} from './api.ts';
import { endpoint } from './catalogue/index.ts';

// Whether a credential still works, asked with a call every holder of it may make. Atlassian
// answers 401 to working credentials in everyday cases (UPM for a user who is not an admin, a
// site an OAuth grant does not cover), so a 401 means "revoked" only when the canary fails too.
// One verdict per credential for the canary's life (one sync run, one app action): many 401s
// cost one call, and concurrent ones share it.
//
// The site credential (API token or OAuth grant) is asked `GET /rest/api/3/myself` on a Jira site
// (a Confluence-only connection: `GET /wiki/api/v2/spaces?limit=1`, which any user may call); the
// org API key `GET /admin/v1/orgs/{orgId}` (or the org list when no org id is known); a Bitbucket
// workspace's credential `GET /2.0/workspaces/{workspace}`.

export type CanaryCredential = 'site' | 'org';

export interface CanaryVerdict {
  works: boolean;
  /** The call that decided, e.g. `GET /rest/api/3/myself`. */
  via: string;
}

export interface CredentialCanaryDeps {
  api: Pick<AtlassianApi, 'call'>;
  /** The connection's sites: where the site credential can be asked. */
  sites: readonly SiteRef[];
  orgId?: string | undefined;
}

// An answer that proves Atlassian accepted the credential: any success, a 403 (authenticated, not
// permitted), or a 2xx whose body did not read as expected.
const AUTHENTICATED = new Set(['forbidden', 'schema_drift', 'response_parse']);

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

export class CredentialCanary {
  private readonly deps: CredentialCanaryDeps;
  private readonly verdicts = new Map<CanaryCredential, Promise<CanaryVerdict>>();
  /** Canary calls made (one per credential at most). */
  calls = 0;

  constructor(deps: CredentialCanaryDeps) {
    this.deps = deps;
  }

  /** The credential's verdict; `near`: the site the refused call went to, asked when the connection lists none. */
  check(credential: CanaryCredential, near?: SiteRef): Promise<CanaryVerdict> {
    let verdict = this.verdicts.get(credential);
    if (!verdict) {
      verdict = this.ask(credential, near);
      this.verdicts.set(credential, verdict);
    }
    return verdict;
  }

  private async ask(credential: CanaryCredential, near: SiteRef | undefined): Promise<CanaryVerdict> {
    const probe = credential === 'org' ? this.orgProbe() : this.siteProbe(near);
    if (!probe) return { works: false, via: 'no site to check the credential on' };
    const e = endpoint(probe.endpointId);
    const via = `${e.method} ${e.path.replace('{orgId}', this.deps.orgId ?? '{orgId}')}`;
    this.calls++;
    try {
      await this.deps.api.call(probe.endpointId, probe.options);
      return { works: true, via };
    } catch (error) {
      return { works: AUTHENTICATED.has(codeOf(error) as string), via };
    }
  }

  private orgProbe(): { endpointId: EndpointId; options: CallOptions } {
    const orgId = this.deps.orgId;
    return orgId
      ? { endpointId: 'admin.orgs.get', options: { params: { orgId } } }
      : { endpointId: 'admin.orgs.list', options: {} };
  }

  private siteProbe(near: SiteRef | undefined): { endpointId: EndpointId; options: CallOptions } | undefined {
    // The same site whichever 401 asks first, so the verdict does not depend on which came first.
    const sites = this.deps.sites.length > 0 ? this.deps.sites : near ? [near] : [];
    const jira = sites.find((s) => s.products.includes('jira'));
    if (jira) return { endpointId: 'jira.myself.get', options: { site: jira } };
    const confluence = sites.find((s) => s.products.includes('confluence'));
    if (confluence)
      return { endpointId: 'confluence.spaces.list', options: { site: confluence, query: { limit: 1 } } };
    // A Bitbucket workspace: any credential of it may read the workspace itself.
    const bitbucket = sites.find((s) => s.products.includes('bitbucket'));
    if (bitbucket) {
      return {
        endpointId: 'bitbucket.workspace.get',
        options: { site: bitbucket, params: { workspace: bitbucketWorkspace(bitbucket) } },
      };
    }
    return undefined;
  }
}

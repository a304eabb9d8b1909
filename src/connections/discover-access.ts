import type { AtlassianApi, SiteRef } from '../atlassian/api.ts';
import { arr, obj } from '../sync/collectors/values.ts';
import {
  type CredentialAccess,
  roleOf,
  type SiteAccess,
  type SiteRights,
} from '../sync/credential-access.ts';

// What the site credential may see, established before a sync (see credential-access.ts), with the
// fewest calls that answer it authoritatively:
// - Jira: `GET /rest/api/3/myself?expand=groups,applicationRoles` (who, and "Permission to access
//   Jira": a 403 without it) and `GET /rest/api/3/mypermissions?permissions=ADMINISTER,SYSTEM_ADMIN`
//   ("Permissions required: None"), the global permissions Jira itself checks: Administer Jira for
//   the admin endpoints, Jira System Administrators for site administrators. Group names are not
//   used: admin groups are named per site and renamable, the permission check is not.
//   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/
//   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
// - Confluence: `GET /wiki/rest/api/user/current?expand=operations` (403 without "Can use"); the
//   operation `administer` on `application` marks a Confluence administrator.
//   https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-users/#api-wiki-rest-api-user-current-get
// - The org admin role, once per connection when an org API key is given: the account's directory
//   record (`GET /admin/v2/orgs/{orgId}/directories/-/users?accountIds=…`), `platformRoles`.
// A check that fails for any reason leaves its rights undefined (nothing is then pre-judged) and
// says why in `evidence`; it never fails discovery.

interface CodedError {
  code?: unknown;
  name?: unknown;
}

const codeOf = (error: unknown): string => {
  const e = error as CodedError | null;
  return typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
};

function isAbort(error: unknown): boolean {
  return (error as CodedError | null)?.name === 'AbortError';
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

interface ProductAnswer {
  rights: SiteRights;
  accountId: string | null;
  evidence: string[];
}

/** Runs one check; a refusal (403) is an answer, anything else leaves the rights unknown. */
async function attempt<T>(
  what: string,
  run: () => Promise<T>,
  evidence: string[],
): Promise<{ ok: true; value: T } | { ok: false; forbidden: boolean }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isAbort(error)) throw error;
    const code = codeOf(error);
    evidence.push(code === 'forbidden' ? `${what}: refused (403)` : `${what}: could not tell (${code})`);
    return { ok: false, forbidden: code === 'forbidden' };
  }
}

async function jiraRights(api: AtlassianApi, site: SiteRef): Promise<ProductAnswer> {
  const evidence: string[] = [];
  const rights: SiteRights = {};
  let accountId: string | null = null;
  const me = await attempt(
    'Jira myself',
    () => api.call('jira.myself.get', { site, query: { expand: 'groups,applicationRoles' } }),
    evidence,
  );
  if (me.ok) {
    const body = obj(me.value);
    accountId = str(body.accountId);
    rights.jiraAccess = true;
    const roles = arr(obj(body.applicationRoles).items)
      .map((r) => str(obj(r).key))
      .filter((k): k is string => k !== null);
    evidence.push(`Jira myself: product access${roles.length > 0 ? ` (${roles.join(', ')})` : ''}`);
  } else if (me.forbidden) {
    rights.jiraAccess = false;
  }
  const mine = await attempt(
    'Jira mypermissions',
    () => api.call('jira.myPermissions.get', { site, query: { permissions: 'ADMINISTER,SYSTEM_ADMIN' } }),
    evidence,
  );
  if (mine.ok) {
    const permissions = obj(obj(mine.value).permissions);
    const held = (key: string): boolean | undefined => {
      const have = obj(permissions[key]).havePermission;
      return typeof have === 'boolean' ? have : undefined;
    };
    const administer = held('ADMINISTER');
    const systemAdmin = held('SYSTEM_ADMIN');
    if (administer !== undefined) rights.jiraAdmin = administer;
    if (systemAdmin !== undefined) rights.siteAdmin = systemAdmin;
    evidence.push(`Jira mypermissions: ADMINISTER ${yesNo(administer)}, SYSTEM_ADMIN ${yesNo(systemAdmin)}`);
  }
  // No product access and no answer from mypermissions: an account Jira does not let in administers nothing.
  if (rights.jiraAccess === false && rights.jiraAdmin === undefined) rights.jiraAdmin = false;
  return { rights, accountId, evidence };
}

async function confluenceRights(api: AtlassianApi, site: SiteRef): Promise<ProductAnswer> {
  const evidence: string[] = [];
  const rights: SiteRights = {};
  const me = await attempt(
    'Confluence user/current',
    () => api.call('confluence.currentUser.get', { site, query: { expand: 'operations' } }),
    evidence,
  );
  if (!me.ok) {
    if (me.forbidden) {
      rights.confluenceAccess = false;
      rights.confluenceAdmin = false;
    }
    return { rights, accountId: null, evidence };
  }
  const body = obj(me.value);
  rights.confluenceAccess = true;
  if (Array.isArray(body.operations)) {
    const global = body.operations
      .map(obj)
      .filter((o) => o.targetType === 'application')
      .map((o) => str(o.operation));
    rights.confluenceAdmin = global.includes('administer');
    evidence.push(`Confluence user/current: ${rights.confluenceAdmin ? '' : 'no '}administer/application`);
  } else {
    evidence.push('Confluence user/current: operations not returned, administrator unknown');
  }
  return { rights, accountId: str(body.accountId), evidence };
}

/** The account's org roles, read with the org API key; undefined when they could not be read. */
async function orgAdmin(
  api: AtlassianApi,
  orgId: string,
  accountId: string,
  evidence: string[],
): Promise<boolean | undefined> {
  const found = await attempt(
    'org directory',
    async () => {
      for await (const page of api.pages('admin.directory.users.list', {
        params: { orgId, directoryId: '-' },
        query: { accountIds: [accountId] },
      })) {
        const me = page.items.map(obj).find((u) => u.accountId === accountId);
        if (me) return arr(me.platformRoles).map(str);
        // Atlassian filtered by account id: an empty first page means the account is not listed.
        return null;
      }
      return null;
    },
    evidence,
  );
  if (!found.ok) return undefined;
  if (found.value === null) {
    evidence.push('org directory: the account is not in the organization');
    return false;
  }
  const isOrgAdmin = found.value.includes('atlassian/org-admin');
  evidence.push(`org directory: ${isOrgAdmin ? '' : 'not '}an org admin`);
  return isOrgAdmin;
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? 'unknown' : value ? 'held' : 'not held';
}

export interface DiscoverAccessOptions {
  /** The org to look the account up in (when an org API key is connected). */
  orgId?: string | undefined;
  onStep?: (step: string) => void;
}

/** The site credential's rights on every site: a few calls per site, one for the org. */
export async function discoverCredentialAccess(
  api: AtlassianApi,
  sites: readonly SiteRef[],
  options: DiscoverAccessOptions = {},
): Promise<CredentialAccess> {
  const answers: { site: SiteRef; rights: SiteRights; accountId: string | null; evidence: string[] }[] = [];
  for (const site of sites) {
    options.onStep?.(`checking what the credential may see on ${new URL(site.url).host}`);
    const parts = [
      ...(site.products.includes('jira') ? [await jiraRights(api, site)] : []),
      ...(site.products.includes('confluence') ? [await confluenceRights(api, site)] : []),
    ];
    answers.push({
      site,
      rights: Object.assign({}, ...parts.map((p) => p.rights)),
      accountId: parts.map((p) => p.accountId).find((id) => id !== null) ?? null,
      evidence: parts.flatMap((p) => p.evidence),
    });
  }
  // One account behind one credential: its org role is the same on every site.
  const accountId = answers.map((a) => a.accountId).find((id) => id !== null);
  const orgEvidence: string[] = [];
  const isOrgAdmin =
    options.orgId && accountId ? await orgAdmin(api, options.orgId, accountId, orgEvidence) : undefined;
  const access: Record<string, SiteAccess> = {};
  for (const a of answers) {
    const rights: SiteRights = { ...a.rights, ...(isOrgAdmin === undefined ? {} : { orgAdmin: isOrgAdmin }) };
    access[a.site.cloudId] = {
      cloudId: a.site.cloudId,
      accountId: a.accountId ?? accountId ?? null,
      ...rights,
      role: roleOf(rights, a.site.products),
      evidence: [...a.evidence, ...orgEvidence],
    };
  }
  return access;
}

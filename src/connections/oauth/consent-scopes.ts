// The OAuth 2.0 (3LO) scopes Palisade asks for and what each lets it read: the one list the consent
// page (GET /api/v1/connections/oauth/start), the UI and docs/oauth-permissions.md show — Zscaler's
// "Permissions and data collected" table, for Palisade's own datasets. Every scope is read-only:
// Palisade never asks OAuth for a write: or manage: scope. consent-scopes.test.ts holds this list
// against the endpoint catalogue: every read scope a dataset's endpoints declare is here, and
// nothing else but `offline_access` and `read:me`.

export interface ConsentScope {
  scope: string;
  product: 'Atlassian account' | 'Jira' | 'Confluence';
  /** What the scope lets Palisade read. */
  permission: string;
  /** The data Palisade collects with it (its datasets). */
  data: string;
}

export const CONSENT_SCOPES: readonly ConsentScope[] = [
  {
    scope: 'offline_access',
    product: 'Atlassian account',
    permission: 'Refresh the access token when it expires',
    data: 'Nothing by itself: it keeps the connection live without asking for consent again at every expiry.',
  },
  {
    scope: 'read:me',
    product: 'Atlassian account',
    permission: 'View the profile details of the person who consents',
    data: 'Nothing is collected with it today: it ties the grant to the named account that consented, as in Zscaler’s table.',
  },
  {
    scope: 'read:jira-work',
    product: 'Jira',
    permission: 'View Jira projects, fields, filters, dashboards and permission schemes',
    data: 'Projects, project roles, fields, shared filters and dashboards, permission schemes and what anonymous users may do.',
  },
  {
    scope: 'read:jira-user',
    product: 'Jira',
    permission: 'View Jira users, groups and global settings visible to users',
    data: 'Users (account type, status), groups and the Jira configuration that users see.',
  },
  {
    scope: 'read:confluence-space.summary',
    product: 'Confluence',
    permission: 'View a summary of Confluence spaces',
    data: 'Spaces (key, name, type, status) and what anonymous users may see in them.',
  },
  {
    scope: 'read:space:confluence',
    product: 'Confluence',
    permission: 'View space details',
    data: 'Space details of the Confluence v2 API, for the same space inventory.',
  },
  {
    scope: 'read:confluence-user',
    product: 'Confluence',
    permission: 'View Confluence user details',
    data: 'Whether anonymous access to Confluence is enabled.',
  },
  {
    scope: 'read:confluence-groups',
    product: 'Confluence',
    permission: 'View Confluence groups',
    data: 'Groups (name, type).',
  },
  {
    scope: 'read:audit-log:confluence',
    product: 'Confluence',
    permission: 'View the Confluence audit log',
    data: 'Audit records (who changed what, when).',
  },
];

/**
 * Scopes some datasets' endpoints declare that are not read-only. Palisade does not request them,
 * so over OAuth those datasets are not read (the sync reports them forbidden); the API token
 * pasted after the consent, or the token method, reads them.
 */
export const NOT_REQUESTED_SCOPES: readonly { scope: string; why: string }[] = [
  {
    scope: 'manage:jira-configuration',
    why: 'Jira administration (application properties and roles, audit records, license, group members): not read-only.',
  },
  { scope: 'manage:jira-project', why: 'issue security schemes: not read-only.' },
  { scope: 'manage:confluence-configuration', why: 'Confluence system information: not read-only.' },
];

/** The `scope` parameter of the authorization URL: every scope, space-separated. */
export function requestedScopes(): string {
  return CONSENT_SCOPES.map((s) => s.scope).join(' ');
}

import { CONFLUENCE_SCOPE_DESCRIPTIONS, JIRA_SCOPE_DESCRIPTIONS } from './oauth-scope-catalogue.ts';

/** One scope as the consent page and the Marketplace (`appScopes`, `permissions`) show it. */
export interface ScopeInfo {
  key: string;
  name: string;
  description: string;
}

// Short titles the developer console and the consent screen give the classic scopes; granular
// scopes have none in the specs, so their key doubles as the name.
// https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/
const CLASSIC_NAMES: Readonly<Record<string, string>> = {
  'read:jira-work': 'View Jira issue data',
  'write:jira-work': 'Create and manage issues',
  'read:jira-user': 'View user profiles',
  'manage:jira-project': 'Manage project settings',
  'manage:jira-configuration': 'Manage Jira global settings',
  'manage:jira-webhook': 'Manage Jira webhooks',
  'manage:jira-data-provider': 'Manage development and release information',
  'read:confluence-content.all': 'Read all content, including content body',
  'read:confluence-content.summary': 'Read content summaries',
  'read:confluence-space.summary': 'Read Confluence space summary',
  'read:confluence-user': 'Read user',
  'read:confluence-groups': 'Read user groups',
  'manage:confluence-configuration': 'Manage Confluence global settings',
  'search:confluence': 'Search Confluence content and space summaries',
  offline_access: 'Maintain access to data you have given it access to',
  'read:me': 'View your profile',
};

// Neither spec lists these two (they belong to the identity platform, not a product API).
const PLATFORM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  offline_access:
    'Lets the app get new access tokens while you are not using it (refresh tokens), until you revoke its access.',
  'read:me': 'View your Atlassian account profile: name, e-mail address and avatar.',
};

/** Name and description of a scope; an unknown scope falls back to its own string. */
export function describeScope(key: string): ScopeInfo {
  const description =
    JIRA_SCOPE_DESCRIPTIONS[key] ?? CONFLUENCE_SCOPE_DESCRIPTIONS[key] ?? PLATFORM_DESCRIPTIONS[key] ?? key;
  return { key, name: CLASSIC_NAMES[key] ?? key, description };
}

/** The product a scope grants access to (`read:jira-work`, `read:issue:jira`, `search:confluence`). */
export function productOfScope(key: string): 'jira' | 'confluence' | undefined {
  // Jira Service Management classic scopes (`read:servicedesk-request`) reach the Jira site too.
  if (/(^|[:-])jira([:-]|$)/.test(key) || key.includes('servicedesk')) return 'jira';
  if (/(^|[:-])confluence([:.-]|$)/.test(key)) return 'confluence';
  return undefined;
}

/** Splits a space-separated `scope` parameter, dropping duplicates and empty parts. */
export function parseScopes(raw: string | undefined): string[] {
  return [...new Set((raw ?? '').split(/\s+/).filter((s) => s.length > 0))];
}

import type { SpecFile } from '../../catalogue/index.ts';

// TypeScript names for the generated types. One file holds every endpoint's types, and the specs
// reuse component names (Jira's `User` is not the admin API's `User`), so each component is
// prefixed with its spec's short name.

export const SPEC_PREFIX: Record<SpecFile, string> = {
  'admin-organizations-v1': 'Admin',
  'admin-user-management': 'UserManagement',
  'bitbucket-cloud': 'Bitbucket',
  'confluence-rest-v1': 'ConfluenceV1',
  'confluence-rest-v2': 'Confluence',
  'jira-platform-rest-v3': 'Jira',
  'marketplace-rest-v2': 'Marketplace',
  'jira-dc-rest': 'JiraDc',
  'confluence-dc-rest': 'ConfluenceDc',
};

/** `manage.api-tokens` → `ManageApiTokens`; keeps inner capitals (`apiTokens` → `ApiTokens`). */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

/** `jira.users.search` → `JiraUsersSearchResponse`. */
export function responseTypeName(endpointId: string): string {
  return `${pascalCase(endpointId)}Response`;
}

/** Jira's `User` → `JiraUser`; user management's `Manageability.Allowed` → `UserManagementManageabilityAllowed`. */
export function componentTypeName(file: SpecFile, component: string): string {
  return `${SPEC_PREFIX[file]}${pascalCase(component)}`;
}
